//! Thai dictionary order for names, unit names and position titles.
//!
//! People look a name up the way the Royal Institute Dictionary (พจนานุกรมฉบับราชบัณฑิตยสถาน)
//! orders words: by the first consonant, ก to ฮ. The vowels เ แ โ ใ ไ are written before the
//! consonant they follow in speech, so a name beginning with one is filed under that
//! consonant (เกษม under ก, after กมล), not after ฮ where their code points put them; tone
//! marks (่ ้ ๊ ๋) and other marks decide only between words that are otherwise the same.
//! Unicode's code-point order, which `str::cmp` uses, files every such name after ฮ.
//!
//! CLDR's collation for `th` is that order. [`thai_order`] is the one comparison every list of
//! the system sorts by: in memory here, and in SQL through the store's `thai` collation (the
//! same ICU rules on PostgreSQL, this very function registered on SQLite).

use std::cmp::Ordering;
use std::sync::LazyLock;

use icu_collator::options::CollatorOptions;
use icu_collator::{Collator, CollatorBorrowed};

/// The collator for `th`, from data compiled into the binary (no file is read), built on
/// first use and shared. Building it from compiled data does not fail for a locale the data
/// has; were it to, [`thai_order`] falls back to code-point order rather than stop a list
/// from showing.
static THAI: LazyLock<Option<CollatorBorrowed<'static>>> = LazyLock::new(|| {
    Collator::try_new(
        icu_locale_core::locale!("th").into(),
        CollatorOptions::default(),
    )
    .ok()
});

/// Compares two texts in Thai dictionary order (see the module's doc): by consonant with
/// the leading vowels เ แ โ ใ ไ skipped, tone marks second; digits first, then Thai
/// letters, then Latin ones (CLDR's `th` puts the Thai script ahead of the others).
///
/// Texts the collation holds equal (differing only in characters it ignores, or written in
/// two canonically equivalent ways) are then ordered by code point, so the order is total
/// and `Equal` only for equal texts: the tie-break PostgreSQL makes for its deterministic
/// ICU collations, so SQL and memory agree.
pub fn thai_order(a: &str, b: &str) -> Ordering {
    match THAI.as_ref() {
        Some(c) => c.compare(a, b).then_with(|| a.cmp(b)),
        None => a.cmp(b),
    }
}

/// Sorts `items` in Thai dictionary order of the text `key` gives (stable: items with equal
/// texts keep their order).
pub fn sort_thai_by_key<T, F>(items: &mut [T], key: F)
where
    F: Fn(&T) -> &str,
{
    items.sort_by(|a, b| thai_order(key(a), key(b)));
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Names in the dictionary's order: each leading vowel files its name under the
    /// consonant after it (เกษม, แก้ว, โกวิท under ก; ใจดี under จ; ไพศาล under พ).
    const THAI_NAMES: &[&str] = &[
        "กมล",
        "เกษม",
        "แก้ว",
        "โกวิท",
        "ขวัญ",
        "ใจดี",
        "ปรีชา",
        "ไพศาล",
        "ฮาซัน",
    ];

    fn sorted(mut v: Vec<&str>) -> Vec<&str> {
        v.sort_by(|a, b| thai_order(a, b));
        v
    }

    #[test]
    fn the_collator_is_built() {
        assert!(THAI.is_some());
    }

    #[test]
    fn leading_vowels_are_filed_under_their_consonant() {
        let mut shuffled = THAI_NAMES.to_vec();
        shuffled.reverse();
        shuffled.swap(0, 4);
        assert_eq!(sorted(shuffled), THAI_NAMES);
        for w in THAI_NAMES.windows(2) {
            assert_eq!(
                thai_order(w[0], w[1]),
                Ordering::Less,
                "{} < {}",
                w[0],
                w[1]
            );
            assert_eq!(thai_order(w[1], w[0]), Ordering::Greater);
        }
    }

    #[test]
    fn code_point_order_would_put_them_after_ho_nokhuk() {
        // Why the collation is needed at all: `str::cmp` files เ แ โ ใ ไ after ฮ.
        let mut by_code_point = THAI_NAMES.to_vec();
        by_code_point.sort();
        assert_ne!(by_code_point, THAI_NAMES);
        assert_eq!(by_code_point.last(), Some(&"ไพศาล"));
    }

    #[test]
    fn tone_marks_decide_only_between_otherwise_equal_words() {
        // ไม้เอก/ไม้โท are secondary: กา < ก่า < ก้า, and all before กาก (a primary difference).
        assert_eq!(
            sorted(vec!["กาก", "ก้า", "กา", "ก่า"]),
            vec!["กา", "ก่า", "ก้า", "กาก"]
        );
        // The leading vowel is weighed after the consonant: เก comes after กา… but before ข.
        assert_eq!(
            sorted(vec!["ขา", "เก", "กาก", "กา"]),
            vec!["กา", "กาก", "เก", "ขา"]
        );
    }

    #[test]
    fn digits_then_thai_then_latin() {
        assert_eq!(
            sorted(vec![
                "ไพศาล",
                "Zoe",
                "เกษม",
                "10",
                "anna",
                "กมล",
                "2",
                "Anna",
                "ขวัญ"
            ]),
            vec![
                "10",
                "2",
                "กมล",
                "เกษม",
                "ขวัญ",
                "ไพศาล",
                "anna",
                "Anna",
                "Zoe"
            ]
        );
    }

    #[test]
    fn equal_only_when_equal() {
        assert_eq!(thai_order("เกษม", "เกษม"), Ordering::Equal);
        assert_eq!(thai_order("", ""), Ordering::Equal);
        // Canonically equivalent spellings (é precomposed, e + combining acute) are told apart.
        assert_ne!(thai_order("\u{e9}", "e\u{301}"), Ordering::Equal);
        assert_eq!(
            thai_order("\u{e9}", "e\u{301}"),
            thai_order("e\u{301}", "\u{e9}").reverse()
        );
    }

    #[test]
    fn sort_thai_by_key_sorts_by_the_text_and_keeps_ties_in_place() {
        let mut people = vec![
            (1, "ไพศาล"),
            (2, "เกษม"),
            (3, "กมล"),
            (4, "เกษม"),
            (5, "ขวัญ"),
        ];
        sort_thai_by_key(&mut people, |p| p.1);
        let ids: Vec<i32> = people.iter().map(|p| p.0).collect();
        assert_eq!(ids, vec![3, 2, 4, 5, 1]);
    }

    /// Thai letters, vowels and marks, some Latin, digits, a space and characters the
    /// collation ignores.
    fn text() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof![
                4 => proptest::char::range('\u{0E01}', '\u{0E4E}'),
                1 => proptest::char::range('a', 'e'),
                1 => proptest::char::range('A', 'E'),
                1 => proptest::char::range('0', '9'),
                1 => Just(' '),
                1 => Just('\u{200B}'),
                1 => Just('\u{0301}'),
            ],
            0..8,
        )
        .prop_map(|v| v.into_iter().collect())
    }

    proptest! {
        #[test]
        fn equal_exactly_when_the_texts_are(a in text(), b in text()) {
            prop_assert_eq!(thai_order(&a, &b) == Ordering::Equal, a == b);
        }

        #[test]
        fn antisymmetric(a in text(), b in text()) {
            prop_assert_eq!(thai_order(&a, &b), thai_order(&b, &a).reverse());
        }

        #[test]
        fn transitive(a in text(), b in text(), c in text()) {
            let t = [&a, &b, &c];
            for (x, y, z) in [(0, 1, 2), (0, 2, 1), (1, 0, 2), (1, 2, 0), (2, 0, 1), (2, 1, 0)] {
                let (x, y, z) = (t[x], t[y], t[z]);
                if thai_order(x, y) != Ordering::Greater && thai_order(y, z) != Ordering::Greater {
                    prop_assert_ne!(thai_order(x, z), Ordering::Greater, "{} {} {}", x, y, z);
                }
                if thai_order(x, y) == Ordering::Less && thai_order(y, z) == Ordering::Less {
                    prop_assert_eq!(thai_order(x, z), Ordering::Less, "{} {} {}", x, y, z);
                }
            }
        }

        #[test]
        fn a_leading_vowel_never_files_a_name_after_the_next_consonant(
            vowel in proptest::sample::select(vec!['เ', 'แ', 'โ', 'ใ', 'ไ']),
            consonant in proptest::char::range('ก', 'ฬ'),
            rest in text(),
        ) {
            // The consonant after the leading vowel decides against any word beginning with
            // a later consonant.
            let name = format!("{vowel}{consonant}{rest}");
            if let Some(later) = char::from_u32(consonant as u32 + 1) {
                prop_assert_eq!(thai_order(&name, &later.to_string()), Ordering::Less);
            }
        }
    }
}
