//! Charts as SVG, drawn on the server: no JavaScript, no CSS.
//!
//! One SVG serves both outputs of bmahr: it is inlined into HTML pages served under a strict
//! Content-Security-Policy (so no `style=` attribute, no `<style>` element, no script: only
//! presentation attributes such as `fill`, `stroke`, `font-size`, `text-anchor`) and embedded
//! into PDFs by typst, whose SVG renderer (usvg) knows no CSS, `foreignObject` or web fonts.
//! Text uses Laksaman (the font the PDFs embed) with fallbacks; positions never depend on
//! `dominant-baseline`, which usvg and browsers treat differently.
//!
//! A chart is accessible on its own (`role="img"`, `<title>` and a `<desc>` summarising the
//! data), and [`Chart::table_rows`] gives the same data as a table to print beside it.
//! Colours are Okabe–Ito (safe for colour-blind readers); light colours get a darker edge so
//! every bar stands out from white paper, and lines also differ by dash pattern.
//!
//! Text widths are estimated from Laksaman's advance widths (Thai marks above and below the
//! line take no width), generously, so labels that might not fit are rotated or shortened with
//! an ellipsis; the full text stays in the table and in a tooltip.

use std::f64::consts::FRAC_1_SQRT_2;
use std::fmt::Write as _;

/// How the series are drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChartKind {
    /// Vertical bars, the series of one category side by side.
    Columns,
    /// Vertical bars, the series of one category stacked, with the total above the column.
    /// Negative values are drawn (and tabled) as 0.
    StackedColumns,
    /// Horizontal bars with the category labels on the left; the chart grows taller with the
    /// number of categories (for lists such as the vacancy rate of ~50 units).
    HorizontalBars,
    /// One line per series with a marker at each category.
    Line,
}

/// One named row of values, one value per label of the chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub name: String,
    pub values: Vec<f64>,
}

impl Series {
    pub fn new(name: impl Into<String>, values: Vec<f64>) -> Series {
        Series {
            name: name.into(),
            values,
        }
    }
}

/// A chart: categories (`labels`) and one or more series of values over them.
///
/// Values missing for a label count as 0 and values beyond the last label are ignored; NaN and
/// infinite values count as 0; magnitudes are capped at 10¹⁵.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// Drawn above the chart and used as the SVG's `<title>`.
    pub title: String,
    pub kind: ChartKind,
    /// The categories: along the x axis, or down the left side for [`ChartKind::HorizontalBars`].
    pub labels: Vec<String>,
    pub series: Vec<Series>,
    /// The unit of the values ("คน", "บาท", "%"), shown by the axis; "%" values get one decimal.
    pub unit: String,
    /// The chart's own words ("Unit:", "No data", the description for screen readers) in
    /// English instead of Thai; the caller gives the title, labels and names in its language.
    pub english: bool,
}

/// Width of the viewBox; the height depends on the chart (at least [`MIN_HEIGHT`]).
pub const WIDTH: f64 = 640.0;
/// Height of a column or line chart whose labels fit.
pub const MIN_HEIGHT: f64 = 320.0;

const FONT: &str = "Laksaman, 'TH Sarabun New', Tahoma, sans-serif";
const FS_TITLE: f64 = 22.0;
const FS_LEGEND: f64 = 17.0;
const FS_LABEL: f64 = 17.0;
const FS_TICK: f64 = 16.0;
const FS_VALUE: f64 = 15.0;
const FS_VALUE_SMALL: f64 = 13.0;
/// Body text: 15.9:1 on white.
const INK: &str = "#222222";
/// Ticks, unit and notes: 7.5:1 on white.
const MUTED: &str = "#555555";
const GRID: &str = "#dddddd";
const AXIS: &str = "#444444";
/// A white outline behind text drawn over lines, so the lines do not cross it.
const HALO: &str =
    " stroke=\"#ffffff\" stroke-width=\"4\" stroke-linejoin=\"round\" paint-order=\"stroke\"";
/// Largest magnitude drawn; beyond it axis arithmetic would lose all precision.
const MAX_ABS: f64 = 1e15;

/// One colour of the palette: the fill, an edge (≥ 3:1 against white, used for outlines and
/// lines) and the text colour readable on the fill.
struct Colour {
    fill: &'static str,
    edge: &'static str,
    ink: &'static str,
}

/// Okabe & Ito (2008), ordered so the first colours differ most.
const PALETTE: [Colour; 8] = [
    Colour {
        fill: "#0072B2",
        edge: "#0072B2",
        ink: "#ffffff",
    },
    Colour {
        fill: "#E69F00",
        edge: "#9E6D00",
        ink: "#000000",
    },
    Colour {
        fill: "#009E73",
        edge: "#007A59",
        ink: "#000000",
    },
    Colour {
        fill: "#D55E00",
        edge: "#B04D00",
        ink: "#000000",
    },
    Colour {
        fill: "#CC79A7",
        edge: "#A0507D",
        ink: "#000000",
    },
    Colour {
        fill: "#56B4E9",
        edge: "#2A7DB0",
        ink: "#000000",
    },
    Colour {
        fill: "#F0E442",
        edge: "#8F8620",
        ink: "#000000",
    },
    Colour {
        fill: "#333333",
        edge: "#333333",
        ink: "#ffffff",
    },
];

/// Dash patterns of the lines, by series, so lines differ without colour too.
const DASHES: [&str; 4] = ["", "8 4", "3 3", "10 4 3 4"];

fn colour(j: usize) -> &'static Colour {
    &PALETTE[j % PALETTE.len()]
}

/// `write!` into a `String`, which cannot fail.
macro_rules! w {
    ($out:expr, $($arg:tt)*) => {{
        let _ = write!($out, $($arg)*);
    }};
}

impl Chart {
    pub fn new(
        title: impl Into<String>,
        kind: ChartKind,
        labels: Vec<String>,
        series: Vec<Series>,
        unit: impl Into<String>,
    ) -> Chart {
        Chart {
            title: title.into(),
            kind,
            labels,
            series,
            unit: unit.into(),
            english: false,
        }
    }

    /// The same chart with its own words in English (see [`Chart::english`]).
    pub fn in_english(self, english: bool) -> Chart {
        Chart { english, ..self }
    }

    /// The id the SVG's elements are named after: `chart-` and a hash of the whole chart, so
    /// different charts on one page never share ids (identical charts would; use
    /// [`Chart::svg_with_id`] to show one twice).
    pub fn id(&self) -> String {
        let mut h = Fnv::default();
        h.str(&self.title);
        h.str(match self.kind {
            ChartKind::Columns => "c",
            ChartKind::StackedColumns => "s",
            ChartKind::HorizontalBars => "h",
            ChartKind::Line => "l",
        });
        h.str(&self.unit);
        h.bytes(&[u8::from(self.english)]);
        for l in &self.labels {
            h.str(l);
        }
        for s in &self.series {
            h.str(&s.name);
            for v in &s.values {
                h.bytes(&v.to_bits().to_le_bytes());
            }
            h.bytes(&[0xff]);
        }
        format!("chart-{:012x}", h.0 & 0xffff_ffff_ffff)
    }

    /// The chart as one complete `<svg>` element.
    pub fn svg(&self) -> String {
        self.svg_with_id(&self.id())
    }

    /// The chart with its element ids derived from `id` (characters other than ASCII letters,
    /// digits, `-` and `_` are dropped).
    pub fn svg_with_id(&self, id: &str) -> String {
        let id = clean_id(id);
        let d = Prepared::of(self);
        let mut body = String::with_capacity(4096);
        let height = if d.labels.is_empty() || d.values.is_empty() {
            draw_empty(&mut body, &d)
        } else {
            match self.kind {
                ChartKind::HorizontalBars => draw_horizontal(&mut body, &d),
                kind => draw_vertical(&mut body, &d, kind),
            }
        };
        let mut out = String::with_capacity(body.len() + 1024);
        w!(
            out,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" \
             height=\"{h}\" role=\"img\" aria-labelledby=\"{id}-t {id}-d\" \
             font-family=\"{FONT}\" fill=\"{INK}\">",
            w = num(WIDTH),
            h = num(height),
        );
        let title = if d.title.is_empty() {
            d.say("แผนภูมิ", "Chart").to_string()
        } else {
            d.title.clone()
        };
        w!(out, "<title id=\"{id}-t\">{}</title>", esc(&title));
        w!(out, "<desc id=\"{id}-d\">{}</desc>", esc(&describe(&d)));
        out.push_str(&body);
        out.push_str("</svg>");
        out
    }

    /// The same data as a table: the header (`รายการ`, then each series with the unit in
    /// brackets, then `รวม` for stacked columns) and one row per label, numbers formatted as
    /// in the chart. Plain text: escape it where it is written out.
    pub fn table_rows(&self) -> (Vec<String>, Vec<Vec<String>>) {
        let d = Prepared::of(self);
        let unit = d.unit.as_str();
        let with_unit = |name: &str| {
            if unit.is_empty() {
                name.to_string()
            } else {
                format!("{name} ({unit})")
            }
        };
        let mut header = vec![d.say("รายการ", "Item").to_string()];
        header.extend(d.names.iter().map(|n| with_unit(n)));
        let stacked = self.kind == ChartKind::StackedColumns && !d.values.is_empty();
        if stacked {
            header.push(with_unit(d.say("รวม", "Total")));
        }
        let rows = d
            .labels
            .iter()
            .enumerate()
            .map(|(i, label)| {
                let mut row = vec![label.clone()];
                row.extend(d.values.iter().map(|s| format_value(s[i], unit)));
                if stacked {
                    row.push(format_value(d.total(i), unit));
                }
                row
            })
            .collect();
        (header, rows)
    }
}

/// A value as text: thousands separators; one decimal for "%", otherwise none for whole
/// numbers and up to two for others. NaN and infinities read as 0.
pub fn format_value(v: f64, unit: &str) -> String {
    let v = clean(v);
    if unit.trim() == "%" {
        format_number(v, 1)
    } else if (v - v.round()).abs() < 1e-9 {
        format_number(v, 0)
    } else {
        let s = format_number(v, 2);
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// `v` with `decimals` decimals and a comma between thousands: `1,234,567.5`.
pub fn format_number(v: f64, decimals: usize) -> String {
    let v = clean(v);
    let decimals = decimals.min(12);
    let s = format!("{:.*}", decimals, v.abs());
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s.as_str(), None),
    };
    let mut out = String::with_capacity(s.len() + s.len() / 3 + 1);
    if v < 0.0 && s.chars().any(|c| c.is_ascii_digit() && c != '0') {
        out.push('-');
    }
    let digits = int.len();
    for (k, c) in int.chars().enumerate() {
        if k > 0 && (digits - k).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

/// A value with its unit, for sentences: "1,234 คน", "12.5%".
fn with_unit(v: f64, unit: &str) -> String {
    let s = format_value(v, unit);
    match unit {
        "" => s,
        "%" => format!("{s}%"),
        u => format!("{s} {u}"),
    }
}

/// The value written on a bar or point: the unit only when it is "%".
fn value_label(v: f64, unit: &str) -> String {
    let s = format_value(v, unit);
    if unit == "%" {
        format!("{s}%")
    } else {
        s
    }
}

fn clean(v: f64) -> f64 {
    if v.is_finite() {
        // `+ 0.0` turns -0 into 0.
        v.clamp(-MAX_ABS, MAX_ABS) + 0.0
    } else {
        0.0
    }
}

/// The chart's data made safe: one line per text, exactly one value per label and series.
struct Prepared {
    title: String,
    unit: String,
    labels: Vec<String>,
    names: Vec<String>,
    /// `values[series][label]`.
    values: Vec<Vec<f64>>,
    kind: ChartKind,
    english: bool,
}

impl Prepared {
    /// The chart's own words in its language.
    fn say<'a>(&self, th: &'a str, en: &'a str) -> &'a str {
        if self.english {
            en
        } else {
            th
        }
    }

    fn of(c: &Chart) -> Prepared {
        let labels: Vec<String> = c.labels.iter().map(|l| one_line(l)).collect();
        let n = labels.len();
        let stacked = c.kind == ChartKind::StackedColumns;
        let k = c.series.len();
        let names = c
            .series
            .iter()
            .enumerate()
            .map(|(j, s)| {
                let name = one_line(&s.name);
                match (name.is_empty(), k) {
                    (false, _) => name,
                    (true, 1) => if c.english { "Value" } else { "ค่า" }.to_string(),
                    (true, _) if c.english => format!("Series {}", j + 1),
                    (true, _) => format!("ชุดข้อมูล {}", j + 1),
                }
            })
            .collect();
        let values = c
            .series
            .iter()
            .map(|s| {
                (0..n)
                    .map(|i| {
                        let v = clean(s.values.get(i).copied().unwrap_or(0.0));
                        if stacked {
                            v.max(0.0)
                        } else {
                            v
                        }
                    })
                    .collect()
            })
            .collect();
        Prepared {
            title: one_line(&c.title),
            unit: one_line(&c.unit),
            labels,
            names,
            values,
            kind: c.kind,
            english: c.english,
        }
    }

    fn total(&self, i: usize) -> f64 {
        self.values
            .iter()
            .map(|s| s.get(i).copied().unwrap_or(0.0))
            .sum()
    }

    fn all(&self) -> impl Iterator<Item = f64> + '_ {
        self.values.iter().flatten().copied()
    }

    /// The range the value axis must cover. Bars start at 0, so 0 is always inside; a line
    /// whose values all lie far from 0 (more than half of the way there) gets an axis fitted
    /// to them, so its ups and downs show.
    fn range(&self) -> (f64, f64) {
        if self.kind == ChartKind::StackedColumns {
            let max = (0..self.labels.len())
                .map(|i| self.total(i))
                .fold(0.0, f64::max);
            return (0.0, max);
        }
        let (lo, hi) = self
            .all()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
                (f64::min(lo, v), f64::max(hi, v))
            });
        if !(lo.is_finite() && hi.is_finite()) {
            return (0.0, 0.0);
        }
        let fitted = self.kind == ChartKind::Line
            && hi - lo > 0.0
            && ((lo > 0.0 && lo > hi / 2.0) || (hi < 0.0 && hi < lo / 2.0));
        if fitted {
            (lo, hi)
        } else {
            (lo.min(0.0), hi.max(0.0))
        }
    }

    /// Whole numbers only (head counts): the axis then has no fractional ticks.
    fn integral(&self) -> bool {
        self.unit != "%" && self.all().all(|v| (v - v.round()).abs() < 1e-9)
    }
}

/// Text on one line, without characters XML forbids.
fn one_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            c if c.is_whitespace() || c.is_control() => {
                if !out.ends_with(' ') {
                    out.push(' ');
                }
            }
            '\u{FFFE}' | '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out.trim().to_string()
}

/// Text for XML content and attribute values.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() => out.push(' '),
            '\u{FFFE}' | '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

fn clean_id(id: &str) -> String {
    let id: String = id
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    match id.chars().next() {
        Some(c) if c.is_ascii_alphabetic() || c == '_' => id,
        _ => format!("chart-{id}"),
    }
}

/// A coordinate: at most one decimal, no "-0", never NaN.
fn num(v: f64) -> String {
    if !v.is_finite() {
        return "0".to_string();
    }
    let r = (v * 10.0).round() / 10.0 + 0.0;
    if r == r.trunc() {
        format!("{r:.0}")
    } else {
        format!("{r:.1}")
    }
}

/// FNV-1a, 64 bits: stable across Rust versions, unlike `DefaultHasher`.
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    fn bytes(&mut self, b: &[u8]) {
        for x in b {
            self.0 ^= u64::from(*x);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn str(&mut self, s: &str) {
        self.bytes(s.as_bytes());
        self.bytes(&[0]);
    }
}

// ---------------------------------------------------------------------------------------------
// Text measurement.

/// A Thai mark written above or below its consonant: no advance of its own.
fn is_mark(c: char) -> bool {
    matches!(c, '\u{0E31}' | '\u{0E34}'..='\u{0E3A}' | '\u{0E47}'..='\u{0E4E}')
        || ('\u{0300}'..='\u{036F}').contains(&c)
        || ('\u{200B}'..='\u{200F}').contains(&c)
}

/// A Thai vowel written before the consonant it follows in speech.
fn is_leading_vowel(c: char) -> bool {
    matches!(c, 'เ' | 'แ' | 'โ' | 'ใ' | 'ไ')
}

/// Advance of `c` in em, from Laksaman's metrics, rounded up.
fn char_em(c: char) -> f64 {
    if is_mark(c) {
        return 0.0;
    }
    match c {
        'เ' | 'โ' | 'ใ' | 'ไ' | 'ๅ' => 0.38,
        'า' | 'ำ' | 'ร' | 'ง' | 'ธ' | 'ว' => 0.5,
        'ฌ' | 'ญ' | 'ฒ' | 'ณ' | '๚' | '๛' => 0.84,
        '\u{0E50}'..='\u{0E59}' => 0.7,
        '\u{0E01}'..='\u{0E5B}' => 0.62,
        '0'..='9' => 0.56,
        ' ' => 0.33,
        'i' | 'j' | 'l' | 'I' | '.' | ',' | ':' | ';' | '\'' | '!' | '|' => 0.26,
        'f' | 't' | 'r' | '(' | ')' | '[' | ']' | '-' | '/' | 's' => 0.42,
        'm' | 'w' | 'M' | 'W' | '%' | '@' => 0.92,
        'A'..='Z' => 0.68,
        'a'..='z' => 0.6,
        '…' => 0.74,
        c if c.is_ascii() => 0.55,
        c if c < '\u{2E80}' => 0.7,
        _ => 1.0,
    }
}

/// Estimated width of `s` at font size `fs` (a little generous, for fallback fonts).
fn text_width(s: &str, fs: f64) -> f64 {
    s.chars().map(char_em).sum::<f64>() * fs * 1.04
}

/// `s` cut to `max` wide with an ellipsis, never between a consonant and its marks.
fn truncate(s: &str, max: f64, fs: f64) -> String {
    if text_width(s, fs) <= max {
        return s.to_string();
    }
    let budget = max - text_width("…", fs);
    let mut out = String::new();
    let mut used = 0.0;
    for c in s.chars() {
        let w = char_em(c) * fs * 1.04;
        if w > 0.0 && used + w > budget {
            break;
        }
        used += w;
        out.push(c);
    }
    while out.ends_with(|c: char| is_leading_vowel(c) || c == ' ') {
        out.pop();
    }
    out.push('…');
    out
}

// ---------------------------------------------------------------------------------------------
// Axis.

/// A value axis from `lo` to `hi` with ticks every `step` (1, 2 or 5 × 10ⁿ).
struct Axis {
    lo: f64,
    hi: f64,
    step: f64,
    decimals: usize,
}

impl Axis {
    /// 4 to 6 ticks covering `min..=max`; whole steps only if `integral`.
    fn nice(min: f64, mut max: f64, integral: bool) -> Axis {
        if max - min < 1e-9 {
            max = min + 1.0;
        }
        let range = max - min;
        let e0 = range.log10().floor() as i32;
        let (first, last) = if integral {
            ((e0 - 2).max(0), (e0 + 2).max(1))
        } else {
            (e0 - 2, e0 + 2)
        };
        for e in first..=last {
            for m in [1.0, 2.0, 5.0] {
                let step = m * 10f64.powi(e);
                if (integral && step < 1.0) || step <= 0.0 || !step.is_finite() {
                    continue;
                }
                // The epsilons keep 10.000000001 from needing a tick of its own.
                let lo = (min / step + 1e-9).floor() * step;
                let mut hi = (max / step - 1e-9).ceil() * step;
                let mut n = ((hi - lo) / step).round() as i64 + 1;
                if n <= 6 {
                    while n < 4 {
                        hi += step;
                        n += 1;
                    }
                    let decimals = if e < 0 { (-e) as usize } else { 0 };
                    return Axis {
                        lo,
                        hi,
                        step,
                        decimals,
                    };
                }
            }
        }
        Axis {
            lo: min,
            hi: max,
            step: range,
            decimals: 0,
        }
    }

    fn ticks(&self) -> Vec<f64> {
        let n = ((self.hi - self.lo) / self.step).round().clamp(1.0, 10.0) as usize;
        (0..=n)
            .map(|i| self.lo + self.step * i as f64 + 0.0)
            .collect()
    }

    fn tick_label(&self, t: f64) -> String {
        format_number(t, self.decimals)
    }

    /// Position of `v` between `a` (at `lo`) and `b` (at `hi`).
    fn at(&self, v: f64, a: f64, b: f64) -> f64 {
        let span = self.hi - self.lo;
        if span.abs() < f64::MIN_POSITIVE {
            return a;
        }
        a + (v.clamp(self.lo, self.hi) - self.lo) / span * (b - a)
    }
}

// ---------------------------------------------------------------------------------------------
// Drawing.

/// A text element; `extra` holds more attributes (starting with a space).
fn text(out: &mut String, x: f64, y: f64, fs: f64, anchor: &str, extra: &str, content: &str) {
    let anchor = match anchor {
        "start" => String::new(),
        a => format!(" text-anchor=\"{a}\""),
    };
    w!(
        out,
        "<text x=\"{}\" y=\"{}\" font-size=\"{}\"{anchor}{extra}>{}</text>",
        num(x),
        num(y),
        num(fs),
        esc(&split_sara_am(content))
    );
}

/// Thai above-base marks, over which a SARA AM's NIKHAHIT moves back to its consonant.
fn is_above_mark(c: char) -> bool {
    matches!(c, '\u{0E31}' | '\u{0E34}'..='\u{0E37}' | '\u{0E47}'..='\u{0E4E}')
}

/// SARA AM (ำ) written as NIKHAHIT and SARA AA (ํ + า), moved as a shaper would.
///
/// usvg 0.47, which draws SVG for typst, loses the SARA AA half of ำ in text that begins with
/// a Thai letter ("อัตรากำลัง" prints as "อัตรากํลัง" with the next letters shifted onto it),
/// so drawn text carries the two characters the shaper would have made of it:
/// `<ด, ๋, ำ>` becomes `<ด, ํ, ๋, า>` (HarfBuzz's Thai shaper does the same). Browsers draw
/// both the same. Titles, descriptions and tooltips keep the text as given.
fn split_sara_am(s: &str) -> String {
    if !s.contains('\u{0E33}') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if c != '\u{0E33}' {
            out.push(c);
            continue;
        }
        let mut marks = Vec::new();
        while let Some(m) = out.pop() {
            if is_above_mark(m) {
                marks.push(m);
            } else {
                out.push(m);
                break;
            }
        }
        out.push('\u{0E4D}');
        out.extend(marks.into_iter().rev());
        out.push('\u{0E32}');
    }
    out
}

/// Text possibly shortened: the full text goes into a tooltip.
#[allow(clippy::too_many_arguments)]
fn label(
    out: &mut String,
    x: f64,
    y: f64,
    fs: f64,
    anchor: &str,
    extra: &str,
    full: &str,
    shown: &str,
) {
    if shown == full {
        text(out, x, y, fs, anchor, extra, shown);
    } else {
        w!(out, "<g><title>{}</title>", esc(full));
        text(out, x, y, fs, anchor, extra, shown);
        out.push_str("</g>");
    }
}

/// Baseline that centres text of size `fs` vertically on `y`.
fn mid(y: f64, fs: f64) -> f64 {
    y + fs * 0.35
}

/// The title and, for several series, the legend; returns where the rest may start.
fn draw_head(out: &mut String, d: &Prepared) -> f64 {
    let mut y = 6.0;
    if !d.title.is_empty() {
        let shown = truncate(&d.title, WIDTH - 24.0, FS_TITLE * 1.06);
        label(
            out,
            WIDTH / 2.0,
            y + FS_TITLE,
            FS_TITLE,
            "middle",
            " font-weight=\"bold\"",
            &d.title,
            &shown,
        );
        y += FS_TITLE + 14.0;
    }
    if d.names.len() > 1 {
        y = draw_legend(out, d, y);
    }
    y
}

fn draw_legend(out: &mut String, d: &Prepared, top: f64) -> f64 {
    const SWATCH: f64 = 14.0;
    const ROW: f64 = 26.0;
    let line = d.kind == ChartKind::Line;
    let swatch_w = if line { 30.0 } else { SWATCH };
    let items: Vec<(String, f64)> = d
        .names
        .iter()
        .map(|n| {
            let shown = truncate(n, 400.0, FS_LEGEND);
            let w = swatch_w + 6.0 + text_width(&shown, FS_LEGEND);
            (shown, w)
        })
        .collect();
    // Greedy rows, each centred.
    let mut rows: Vec<Vec<usize>> = vec![Vec::new()];
    let mut row_w = 0.0;
    for (j, (_, w)) in items.iter().enumerate() {
        let gap = if row_w > 0.0 { 22.0 } else { 0.0 };
        if row_w > 0.0 && row_w + gap + w > WIDTH - 24.0 {
            rows.push(Vec::new());
            row_w = 0.0;
        }
        row_w += if row_w > 0.0 { 22.0 } else { 0.0 } + w;
        if let Some(r) = rows.last_mut() {
            r.push(j);
        }
    }
    out.push_str("<g>");
    let mut y = top + 2.0;
    for row in &rows {
        let total: f64 = row.iter().map(|&j| items[j].1).sum::<f64>()
            + 22.0 * (row.len().saturating_sub(1)) as f64;
        let mut x = (WIDTH - total) / 2.0;
        let cy = y + ROW / 2.0;
        for &j in row {
            let c = colour(j);
            if line {
                let dash = dash_attr(j);
                w!(
                    out,
                    "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"2.5\"{dash}/>",
                    num(x),
                    num(cy),
                    num(x + swatch_w),
                    num(cy),
                    c.edge
                );
                marker(out, j, x + swatch_w / 2.0, cy);
            } else {
                w!(
                    out,
                    "<rect x=\"{}\" y=\"{}\" width=\"{SWATCH}\" height=\"{SWATCH}\" fill=\"{}\" stroke=\"{}\"/>",
                    num(x),
                    num(cy - SWATCH / 2.0),
                    c.fill,
                    c.edge
                );
            }
            let (shown, w) = &items[j];
            label(
                out,
                x + swatch_w + 6.0,
                mid(cy, FS_LEGEND),
                FS_LEGEND,
                "start",
                "",
                &d.names[j],
                shown,
            );
            x += w + 22.0;
        }
        y += ROW;
    }
    out.push_str("</g>");
    y + 4.0
}

fn dash_attr(j: usize) -> String {
    match DASHES[j % DASHES.len()] {
        "" => String::new(),
        d => format!(" stroke-dasharray=\"{d}\""),
    }
}

/// A point of series `j`: circle, square, diamond or triangle, by series.
fn marker(out: &mut String, j: usize, x: f64, y: f64) {
    let c = colour(j);
    let r = 4.5;
    let attrs = format!(
        "fill=\"{}\" stroke=\"#ffffff\" stroke-width=\"1.5\"",
        c.edge
    );
    match (j / PALETTE.len()) % 4 {
        0 => w!(
            out,
            "<circle cx=\"{}\" cy=\"{}\" r=\"{r}\" {attrs}/>",
            num(x),
            num(y)
        ),
        1 => w!(
            out,
            "<path d=\"M{} {}h{}v{}h-{}z\" {attrs}/>",
            num(x - r),
            num(y - r),
            num(2.0 * r),
            num(2.0 * r),
            num(2.0 * r)
        ),
        2 => w!(
            out,
            "<path d=\"M{} {}l{r} {r}l-{r} {r}l-{r} -{r}z\" {attrs}/>",
            num(x),
            num(y - r)
        ),
        _ => w!(
            out,
            "<path d=\"M{} {}l{r} {}h-{}z\" {attrs}/>",
            num(x),
            num(y - r),
            num(2.0 * r),
            num(2.0 * r)
        ),
    }
}

/// "หน่วย: คน" at (`x`, `y`), aligned by `anchor`.
fn draw_unit(out: &mut String, d: &Prepared, x: f64, y: f64, anchor: &str) {
    if !d.unit.is_empty() {
        let s = format!("{}: {}", d.say("หน่วย", "Unit"), d.unit);
        let shown = truncate(&s, WIDTH / 2.0, FS_TICK);
        label(
            out,
            x,
            y,
            FS_TICK,
            anchor,
            &format!(" fill=\"{MUTED}\""),
            &s,
            &shown,
        );
    }
}

fn draw_empty(out: &mut String, d: &Prepared) -> f64 {
    let top = draw_head(out, d);
    let height = (top + 80.0).max(120.0);
    text(
        out,
        WIDTH / 2.0,
        mid((top + height) / 2.0, FS_LABEL),
        FS_LABEL,
        "middle",
        &format!(" fill=\"{MUTED}\""),
        d.say("ไม่มีข้อมูล", "No data"),
    );
    height
}

/// How the category labels under columns are set.
enum Under {
    /// Level, centred under the column.
    Level,
    /// Rotated 45°, ending under the column.
    Slanted,
    /// Rotated 90°, every `n`th label only.
    Upright(usize),
}

/// Columns, stacked columns and lines: categories along the bottom, values up the left.
fn draw_vertical(out: &mut String, d: &Prepared, kind: ChartKind) -> f64 {
    let n = d.labels.len();
    let k = d.values.len();
    let unit = d.unit.as_str();
    let top0 = draw_head(out, d);
    let unit_y = top0 + FS_TICK;
    let top = top0
        + if d.unit.is_empty() {
            4.0
        } else {
            FS_TICK + 10.0
        };

    let (vmin, vmax) = d.range();
    let axis = Axis::nice(vmin, vmax, d.integral());
    let ticks = axis.ticks();
    let tick_w = ticks
        .iter()
        .map(|t| text_width(&axis.tick_label(*t), FS_TICK))
        .fold(0.0, f64::max);
    let right = 14.0;
    let mut left = (tick_w + 16.0).max(40.0);
    let mut slot = (WIDTH - left - right) / n as f64;

    // Category labels: level if they fit, else slanted, else upright and thinned out.
    let natural: Vec<f64> = d.labels.iter().map(|l| text_width(l, FS_LABEL)).collect();
    let widest = natural.iter().copied().fold(0.0, f64::max);
    let under = if widest <= slot - 6.0 {
        Under::Level
    } else if slot >= FS_LABEL * 1.5 {
        Under::Slanted
    } else {
        Under::Upright(((FS_LABEL * 1.3 / slot).ceil() as usize).max(1))
    };
    let (shown, band): (Vec<String>, f64) = match under {
        Under::Level => (d.labels.clone(), FS_LABEL + 14.0),
        Under::Slanted => {
            let shown: Vec<String> = d
                .labels
                .iter()
                .map(|l| truncate(l, 150.0, FS_LABEL))
                .collect();
            let lens: Vec<f64> = shown.iter().map(|l| text_width(l, FS_LABEL)).collect();
            // Room on the left for the first labels, which hang down to the left.
            for _ in 0..3 {
                let need = lens
                    .iter()
                    .enumerate()
                    .map(|(i, len)| len * FRAC_1_SQRT_2 - (i as f64 + 0.5) * slot + 8.0)
                    .fold(0.0, f64::max);
                left = left.max(need);
                slot = (WIDTH - left - right) / n as f64;
            }
            let longest = lens.iter().copied().fold(0.0, f64::max);
            (shown, longest * FRAC_1_SQRT_2 + FS_LABEL * 1.2 + 8.0)
        }
        Under::Upright(_) => {
            let shown: Vec<String> = d
                .labels
                .iter()
                .map(|l| truncate(l, 130.0, FS_LABEL))
                .collect();
            let longest = shown
                .iter()
                .map(|l| text_width(l, FS_LABEL))
                .fold(0.0, f64::max);
            (shown, longest + 16.0)
        }
    };
    let x_of = |i: usize| left + (i as f64 + 0.5) * slot;

    // Bars: a group of `k` in each slot (one stack for stacked columns).
    let across = if kind == ChartKind::StackedColumns {
        1
    } else {
        k
    };
    let group = (slot * if across == 1 { 0.62 } else { 0.8 }).min(64.0 * across as f64);
    let bar_w = group / across as f64;
    let fs_value = if across == 1 {
        FS_VALUE
    } else {
        FS_VALUE_SMALL
    };
    let value_room = if across == 1 { slot - 4.0 } else { bar_w + 2.0 };

    // Room above the highest value for its label; totals may need to stand upright.
    let totals: Vec<String> = (0..n).map(|i| value_label(d.total(i), unit)).collect();
    let totals_w = totals
        .iter()
        .map(|t| text_width(t, FS_VALUE * 1.06))
        .fold(0.0, f64::max);
    let totals_upright = kind == ChartKind::StackedColumns && totals_w > slot - 2.0;
    // Upright totals are as large as the columns are wide (at least 8).
    let fs_total = if totals_upright {
        (slot * 0.9).clamp(8.0, FS_VALUE)
    } else {
        FS_VALUE
    };
    let headroom = if totals_upright {
        totals_w * fs_total / FS_VALUE + 10.0
    } else {
        fs_value + 8.0
    };
    let footroom = if vmin < 0.0 { fs_value + 8.0 } else { 0.0 };

    let height = (top + headroom + 150.0 + footroom + band + 6.0).max(MIN_HEIGHT);
    let y_hi = top + headroom;
    let y_lo = height - band - 6.0 - footroom;
    let y_of = |v: f64| axis.at(v, y_lo, y_hi);

    draw_unit(out, d, 8.0, unit_y, "start");

    // Grid and ticks.
    out.push_str("<g>");
    for t in &ticks {
        let y = y_of(*t);
        w!(
            out,
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{GRID}\"/>",
            num(left),
            num(y),
            num(WIDTH - right),
            num(y)
        );
        text(
            out,
            left - 8.0,
            mid(y, FS_TICK),
            FS_TICK,
            "end",
            &format!(" fill=\"{MUTED}\""),
            &axis.tick_label(*t),
        );
    }
    out.push_str("</g>");

    // Category labels.
    out.push_str("<g>");
    let label_top = y_lo + footroom + 6.0;
    for (i, l) in d.labels.iter().enumerate() {
        let x = x_of(i);
        match under {
            Under::Level => label(
                out,
                x,
                label_top + FS_LABEL,
                FS_LABEL,
                "middle",
                "",
                l,
                &shown[i],
            ),
            Under::Slanted => {
                let (ax, ay) = (x + FS_LABEL * 0.5, label_top + FS_LABEL * 0.6);
                label(
                    out,
                    ax,
                    ay,
                    FS_LABEL,
                    "end",
                    &format!(" transform=\"rotate(-45 {} {})\"", num(ax), num(ay)),
                    l,
                    &shown[i],
                );
            }
            Under::Upright(every) => {
                if i % every == 0 {
                    let (ax, ay) = (x + FS_LABEL * 0.35, label_top + 2.0);
                    label(
                        out,
                        ax,
                        ay,
                        FS_LABEL,
                        "end",
                        &format!(" transform=\"rotate(-90 {} {})\"", num(ax), num(ay)),
                        l,
                        &shown[i],
                    );
                }
            }
        }
    }
    out.push_str("</g>");

    let y0 = y_of(0.0);
    match kind {
        ChartKind::Line => {
            for (j, s) in d.values.iter().enumerate() {
                let c = colour(j);
                let points: Vec<String> = s
                    .iter()
                    .enumerate()
                    .map(|(i, v)| format!("{},{}", num(x_of(i)), num(y_of(*v))))
                    .collect();
                w!(
                    out,
                    "<g><polyline points=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2.5\" \
                     stroke-linejoin=\"round\"{}/>",
                    points.join(" "),
                    c.edge,
                    dash_attr(j)
                );
                for (i, v) in s.iter().enumerate() {
                    w!(out, "<g><title>{}</title>", esc(&tip(d, j, i, *v)));
                    marker(out, j, x_of(i), y_of(*v));
                    out.push_str("</g>");
                }
                out.push_str("</g>");
            }
            // Values at the points of a single line, where they fit.
            if k == 1 {
                out.push_str("<g>");
                for (i, v) in d.values.iter().flatten().enumerate() {
                    let t = value_label(*v, unit);
                    if text_width(&t, fs_value) <= slot - 2.0 {
                        let y = if *v < 0.0 {
                            y_of(*v) + fs_value + 6.0
                        } else {
                            y_of(*v) - 9.0
                        };
                        text(out, x_of(i), y, fs_value, "middle", HALO, &t);
                    }
                }
                out.push_str("</g>");
            }
        }
        ChartKind::StackedColumns => {
            out.push_str("<g>");
            for i in 0..n {
                let x = x_of(i) - bar_w / 2.0;
                let mut base = 0.0;
                for (j, s) in d.values.iter().enumerate() {
                    let v = s[i];
                    let (ya, yb) = (y_of(base + v), y_of(base));
                    base += v;
                    let c = colour(j);
                    bar(out, x, ya, bar_w, yb - ya, c, &tip(d, j, i, v));
                    let t = value_label(v, unit);
                    if v > 0.0
                        && yb - ya >= FS_VALUE_SMALL + 4.0
                        && text_width(&t, FS_VALUE_SMALL) <= bar_w - 4.0
                    {
                        text(
                            out,
                            x + bar_w / 2.0,
                            mid((ya + yb) / 2.0, FS_VALUE_SMALL),
                            FS_VALUE_SMALL,
                            "middle",
                            &format!(" fill=\"{}\"", c.ink),
                            &t,
                        );
                    }
                }
                let y_top = y_of(base);
                let bold = " font-weight=\"bold\"";
                if totals_upright {
                    let (ax, ay) = (x_of(i) + fs_total * 0.35, y_top - 5.0);
                    text(
                        out,
                        ax,
                        ay,
                        fs_total,
                        "start",
                        &format!("{bold} transform=\"rotate(-90 {} {})\"", num(ax), num(ay)),
                        &totals[i],
                    );
                } else {
                    text(
                        out,
                        x_of(i),
                        y_top - 6.0,
                        FS_VALUE,
                        "middle",
                        bold,
                        &totals[i],
                    );
                }
            }
            out.push_str("</g>");
        }
        _ => {
            out.push_str("<g>");
            for i in 0..n {
                let gx = x_of(i) - group / 2.0;
                for (j, s) in d.values.iter().enumerate() {
                    let v = s[i];
                    let x = gx + j as f64 * bar_w;
                    let yv = y_of(v);
                    let (ya, yb) = (yv.min(y0), yv.max(y0));
                    bar(out, x, ya, bar_w, yb - ya, colour(j), &tip(d, j, i, v));
                    let t = value_label(v, unit);
                    if text_width(&t, fs_value) <= value_room {
                        let y = if v < 0.0 {
                            yb + fs_value + 4.0
                        } else {
                            ya - 6.0
                        };
                        text(out, x + bar_w / 2.0, y, fs_value, "middle", "", &t);
                    }
                }
            }
            out.push_str("</g>");
        }
    }

    // The zero line over the bars.
    w!(
        out,
        "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{AXIS}\" stroke-width=\"1.5\"/>",
        num(left),
        num(y0),
        num(WIDTH - right),
        num(y0)
    );
    height
}

/// One bar (a `<rect>`), with a tooltip.
fn bar(out: &mut String, x: f64, y: f64, w: f64, h: f64, c: &Colour, tip: &str) {
    w!(
        out,
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\" stroke=\"{}\"><title>{}</title></rect>",
        num(x),
        num(y),
        num(w.max(0.0)),
        num(h.max(0.0)),
        c.fill,
        c.edge,
        esc(tip)
    );
}

/// The tooltip of value `v` of series `j` at label `i`.
fn tip(d: &Prepared, j: usize, i: usize, v: f64) -> String {
    let label = d.labels.get(i).map(String::as_str).unwrap_or("");
    let v = with_unit(v, &d.unit);
    if d.names.len() > 1 {
        let name = d.names.get(j).map(String::as_str).unwrap_or("");
        format!("{label} – {name}: {v}")
    } else {
        format!("{label}: {v}")
    }
}

/// Horizontal bars: labels on the left, one row per category, values along the bottom.
fn draw_horizontal(out: &mut String, d: &Prepared) -> f64 {
    let n = d.labels.len();
    let k = d.values.len();
    let unit = d.unit.as_str();
    let top = draw_head(out, d) + 4.0;

    let (vmin, vmax) = d.range();
    let axis = Axis::nice(vmin, vmax, d.integral());
    let ticks = axis.ticks();
    let tick_w = ticks
        .iter()
        .map(|t| text_width(&axis.tick_label(*t), FS_TICK))
        .fold(0.0, f64::max);

    // Many bars get thinner rows and smaller text, so ~50 units fit on an A4 page.
    let dense = n * k > 20;
    let (thick, gap, fs_label, fs_value) = match (k == 1, dense) {
        (true, false) => (20.0, 10.0, FS_LABEL, FS_VALUE),
        (true, true) => (15.0, 6.0, 15.0, FS_VALUE_SMALL),
        (false, false) => (15.0, 12.0, FS_LABEL, FS_VALUE_SMALL),
        (false, true) => (12.0, 8.0, 15.0, 11.0),
    };
    let widest = d
        .labels
        .iter()
        .map(|l| text_width(l, fs_label))
        .fold(0.0, f64::max);
    let label_w = widest.min(WIDTH * 0.38);
    let left = label_w + 20.0;
    let right = 10.0;
    let values_w = d
        .all()
        .map(|v| text_width(&value_label(v, unit), fs_value))
        .fold(0.0, f64::max);
    let pad_r = (values_w + 8.0).max(tick_w / 2.0);
    let pad_l = if vmin < 0.0 {
        (values_w + 8.0).max(tick_w / 2.0)
    } else {
        0.0
    };
    let (x_lo, x_hi) = (left + pad_l, WIDTH - right - pad_r);
    let x_of = |v: f64| axis.at(v, x_lo, x_hi);

    let row = thick * k as f64 + gap;
    let y_end = top + row * n as f64;
    let height = y_end + FS_TICK + 10.0 + if unit.is_empty() { 6.0 } else { FS_TICK + 10.0 };

    // Grid and ticks.
    out.push_str("<g>");
    for t in &ticks {
        let x = x_of(*t);
        w!(
            out,
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{GRID}\"/>",
            num(x),
            num(top),
            num(x),
            num(y_end)
        );
        text(
            out,
            x,
            y_end + FS_TICK + 4.0,
            FS_TICK,
            "middle",
            &format!(" fill=\"{MUTED}\""),
            &axis.tick_label(*t),
        );
    }
    out.push_str("</g>");
    draw_unit(out, d, WIDTH - right, y_end + 2.0 * FS_TICK + 12.0, "end");

    // Labels.
    out.push_str("<g>");
    for (i, l) in d.labels.iter().enumerate() {
        let shown = truncate(l, label_w, fs_label);
        let cy = top + row * (i as f64 + 0.5);
        label(
            out,
            left - 10.0,
            mid(cy, fs_label),
            fs_label,
            "end",
            "",
            l,
            &shown,
        );
    }
    out.push_str("</g>");

    // Bars and their values.
    let x0 = x_of(0.0);
    out.push_str("<g>");
    for i in 0..n {
        for (j, s) in d.values.iter().enumerate() {
            let v = s[i];
            let y = top + row * i as f64 + gap / 2.0 + thick * j as f64;
            let xv = x_of(v);
            let (xa, xb) = (xv.min(x0), xv.max(x0));
            let h = if k == 1 { thick } else { thick - 1.0 };
            bar(out, xa, y, xb - xa, h, colour(j), &tip(d, j, i, v));
            let t = value_label(v, unit);
            let cy = mid(y + h / 2.0, fs_value);
            if v < 0.0 {
                text(out, xa - 5.0, cy, fs_value, "end", "", &t);
            } else {
                text(out, xb + 5.0, cy, fs_value, "start", "", &t);
            }
        }
    }
    out.push_str("</g>");
    w!(
        out,
        "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{AXIS}\" stroke-width=\"1.5\"/>",
        num(x0),
        num(top),
        num(x0),
        num(y_end)
    );
    height
}

/// The `<desc>`: what the chart shows and its extremes.
fn describe(d: &Prepared) -> String {
    let kind = match d.kind {
        ChartKind::Columns => d.say("แผนภูมิแท่ง", "Column chart"),
        ChartKind::StackedColumns => d.say("แผนภูมิแท่งซ้อน", "Stacked column chart"),
        ChartKind::HorizontalBars => d.say("แผนภูมิแท่งแนวนอน", "Bar chart"),
        ChartKind::Line => d.say("แผนภูมิเส้น", "Line chart"),
    };
    let n = d.labels.len();
    if n == 0 || d.values.is_empty() {
        return format!("{kind}: {}", d.say("ไม่มีข้อมูล", "no data"));
    }
    let mut s = match (d.labels.first(), d.labels.last(), d.english) {
        (Some(a), Some(b), false) if n > 1 => format!("{kind} {n} รายการ ตั้งแต่ {a} ถึง {b}"),
        (Some(a), Some(b), true) if n > 1 => format!("{kind} of {n} items, from {a} to {b}."),
        (Some(a), _, false) => format!("{kind} 1 รายการ: {a}"),
        (Some(a), _, true) => format!("{kind} of 1 item: {a}."),
        _ => kind.to_string(),
    };
    if d.names.len() > 1 {
        w!(s, " {}: {}", d.say("ชุดข้อมูล", "Series"), d.names.join(", "));
    }
    if !d.unit.is_empty() {
        w!(s, " {}: {}", d.say("หน่วย", "Unit"), d.unit);
    }
    let mut max: Option<(f64, usize, usize)> = None;
    let mut min: Option<(f64, usize, usize)> = None;
    for (j, sv) in d.values.iter().enumerate() {
        for (i, v) in sv.iter().enumerate() {
            if max.is_none_or(|(m, _, _)| *v > m) {
                max = Some((*v, j, i));
            }
            if min.is_none_or(|(m, _, _)| *v < m) {
                min = Some((*v, j, i));
            }
        }
    }
    let at = |j: usize, i: usize| {
        let label = d.labels.get(i).map(String::as_str).unwrap_or("");
        match d.names.get(j) {
            Some(name) if d.names.len() > 1 => format!("{name} {label}"),
            _ => label.to_string(),
        }
    };
    if let Some((v, j, i)) = max {
        w!(
            s,
            " {} {} ({})",
            d.say("ค่าสูงสุด", "Highest"),
            with_unit(v, &d.unit),
            at(j, i)
        );
    }
    if let Some((v, j, i)) = min {
        if n * d.values.len() > 1 {
            w!(
                s,
                " {} {} ({})",
                d.say("ค่าต่ำสุด", "Lowest"),
                with_unit(v, &d.unit),
                at(j, i)
            );
        }
    }
    if d.kind == ChartKind::StackedColumns {
        let best = (0..n)
            .map(|i| (d.total(i), i))
            .fold(None::<(f64, usize)>, |acc, (t, i)| match acc {
                Some((m, _)) if m >= t => acc,
                _ => Some((t, i)),
            });
        if let Some((t, i)) = best {
            let label = d.labels.get(i).map(String::as_str).unwrap_or("");
            w!(
                s,
                " {} {} ({label})",
                d.say("ยอดรวมสูงสุด", "Highest total"),
                with_unit(t, &d.unit)
            );
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn labels(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    fn years(n: usize) -> Vec<String> {
        (0..n).map(|i| (2560 + i).to_string()).collect()
    }

    fn chart(kind: ChartKind, labels: Vec<String>, series: Vec<Series>, unit: &str) -> Chart {
        Chart::new("อัตรากำลัง", kind, labels, series, unit)
    }

    fn count(s: &str, pat: &str) -> usize {
        s.matches(pat).count()
    }

    const KINDS: [ChartKind; 4] = [
        ChartKind::Columns,
        ChartKind::StackedColumns,
        ChartKind::HorizontalBars,
        ChartKind::Line,
    ];

    /// Well-formed XML as this module writes it: tags nest, attributes are quoted and
    /// unique, `&` only starts an entity, `>` never appears in text, one root `<svg>`.
    fn well_formed(s: &str) -> Result<(), String> {
        if !s.starts_with("<svg ") || !s.ends_with("</svg>") {
            return Err("not one <svg> element".into());
        }
        let mut stack: Vec<&str> = Vec::new();
        let mut rest = s;
        let mut closed_root = false;
        while !rest.is_empty() {
            let lt = rest.find('<').unwrap_or(rest.len());
            let text = &rest[..lt];
            if text.contains('>') {
                return Err(format!("'>' in text {text:?}"));
            }
            if !text.is_empty() && stack.is_empty() {
                return Err("text outside the root".into());
            }
            entities(text)?;
            rest = &rest[lt..];
            if rest.is_empty() {
                break;
            }
            if closed_root {
                return Err("content after the root".into());
            }
            let gt = rest.find('>').ok_or("unclosed tag")?;
            let tag = &rest[1..gt];
            rest = &rest[gt + 1..];
            if let Some(name) = tag.strip_prefix('/') {
                match stack.pop() {
                    Some(open) if open == name => {}
                    other => return Err(format!("</{name}> closes {other:?}")),
                }
                closed_root = stack.is_empty();
                continue;
            }
            let (tag, empty) = match tag.strip_suffix('/') {
                Some(t) => (t, true),
                None => (tag, false),
            };
            let name_end = tag.find(' ').unwrap_or(tag.len());
            let name = &tag[..name_end];
            if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric()) {
                return Err(format!("bad tag name {name:?}"));
            }
            let mut attrs = &tag[name_end..];
            let mut seen = Vec::new();
            loop {
                attrs = attrs.trim_start();
                if attrs.is_empty() {
                    break;
                }
                let eq = attrs
                    .find("=\"")
                    .ok_or(format!("bad attribute in {tag:?}"))?;
                let attr = &attrs[..eq];
                if attr.is_empty() || attr.contains([' ', '"', '\'', '<', '&']) {
                    return Err(format!("bad attribute name {attr:?}"));
                }
                if seen.contains(&attr) {
                    return Err(format!("duplicate attribute {attr}"));
                }
                seen.push(attr);
                let value_and_rest = &attrs[eq + 2..];
                let end = value_and_rest.find('"').ok_or("unterminated value")?;
                let value = &value_and_rest[..end];
                if value.contains('<') {
                    return Err(format!("'<' in attribute {attr}"));
                }
                entities(value)?;
                attrs = &value_and_rest[end + 1..];
                if !attrs.is_empty() && !attrs.starts_with(' ') {
                    return Err(format!("no space after attribute {attr}"));
                }
            }
            if !empty {
                stack.push(name);
            } else if stack.is_empty() {
                return Err("empty root".into());
            }
        }
        if stack.is_empty() && closed_root {
            Ok(())
        } else {
            Err(format!("unclosed {stack:?}"))
        }
    }

    fn entities(text: &str) -> Result<(), String> {
        for (k, _) in text.match_indices('&') {
            let tail = &text[k..];
            if !["&amp;", "&lt;", "&gt;", "&quot;", "&#39;"]
                .iter()
                .any(|e| tail.starts_with(e))
            {
                return Err(format!("bare & in {text:?}"));
            }
        }
        if text
            .chars()
            .any(|c| (c.is_control() && c != '\n' && c != '\t') || c == '\u{FFFE}')
        {
            return Err(format!("control character in {text:?}"));
        }
        Ok(())
    }

    fn assert_valid(svg: &str) {
        if let Err(e) = well_formed(svg) {
            panic!("{e}\n{svg}");
        }
        assert_eq!(count(svg, "<g>") + count(svg, "<g "), count(svg, "</g>"));
        for banned in [
            "style=",
            "<style",
            "<script",
            "foreignObject",
            "href",
            "\"NaN",
            "NaN\"",
            "inf\"",
            " NaN",
        ] {
            assert!(!svg.contains(banned), "{banned} in {svg}");
        }
    }

    #[test]
    fn columns_draw_one_rect_per_value_and_label_them() {
        let c = chart(
            ChartKind::Columns,
            years(5),
            vec![Series::new(
                "ข้าราชการ",
                vec![1200.0, 1350.0, 980.0, 1500.0, 0.0],
            )],
            "คน",
        );
        let svg = c.svg();
        assert_valid(&svg);
        assert_eq!(count(&svg, "<rect"), 5);
        for v in [">1,200<", ">1,350<", ">980<", ">1,500<", ">2564<"] {
            assert!(svg.contains(v), "{v}");
        }
        assert!(svg.contains(">หน่วย: คน<"));
    }

    #[test]
    fn grouped_columns_have_a_legend() {
        let c = chart(
            ChartKind::Columns,
            years(4),
            vec![
                Series::new("ข้าราชการ", vec![10.0, 20.0, 30.0, 40.0]),
                Series::new("ลูกจ้างประจำ", vec![5.0, 6.0, 7.0, 8.0]),
            ],
            "คน",
        );
        let svg = c.svg();
        assert_valid(&svg);
        // 8 bars and 2 legend swatches.
        assert_eq!(count(&svg, "<rect"), 10);
        assert!(svg.contains(&format!(">{}</text>", split_sara_am("ลูกจ้างประจำ"))));
        assert!(svg.contains(PALETTE[0].fill) && svg.contains(PALETTE[1].fill));
    }

    #[test]
    fn single_series_has_no_legend() {
        let c = chart(
            ChartKind::Line,
            years(3),
            vec![Series::new("ข้าราชการ", vec![1.0, 2.0, 3.0])],
            "คน",
        );
        assert!(!c.svg().contains(">ข้าราชการ</text>"));
    }

    #[test]
    fn stacked_columns_show_totals() {
        let c = chart(
            ChartKind::StackedColumns,
            labels(&["2565", "2566"]),
            vec![
                Series::new("ข้าราชการ", vec![1000.0, 2000.0]),
                Series::new("ลูกจ้าง", vec![234.0, 5.0]),
            ],
            "คน",
        );
        let svg = c.svg();
        assert_valid(&svg);
        assert_eq!(count(&svg, "<rect"), 4 + 2);
        assert!(svg.contains("font-weight=\"bold\">1,234</text>"));
        assert!(svg.contains("font-weight=\"bold\">2,005</text>"));
    }

    #[test]
    fn stacked_totals_stand_upright_when_columns_are_narrow() {
        let n = 40;
        let c = chart(
            ChartKind::StackedColumns,
            years(n),
            vec![
                Series::new("ก", vec![123_456.0; n]),
                Series::new("ข", vec![1.0; n]),
            ],
            "บาท",
        );
        let svg = c.svg();
        assert_valid(&svg);
        assert_eq!(count(&svg, ">123,457</text>"), n);
        assert!(svg.contains("rotate(-90"));
    }

    #[test]
    fn line_draws_one_polyline_per_series() {
        let c = chart(
            ChartKind::Line,
            years(10),
            vec![
                Series::new("ก", (0..10).map(f64::from).collect()),
                Series::new("ข", (0..10).map(|i| f64::from(i * 2)).collect()),
                Series::new("ค", vec![3.0; 10]),
            ],
            "%",
        );
        let svg = c.svg();
        assert_valid(&svg);
        assert_eq!(count(&svg, "<polyline"), 3);
        assert!(svg.contains("stroke-dasharray"));
    }

    #[test]
    fn a_line_far_from_zero_gets_a_fitted_axis() {
        let line = |values: Vec<f64>| {
            chart(
                ChartKind::Line,
                years(values.len()),
                vec![Series::new("ก", values)],
                "คน",
            )
            .svg()
        };
        let svg = line(vec![38_000.0, 39_500.0, 41_780.0]);
        assert_valid(&svg);
        assert!(svg.contains(">42,000</text>") && !svg.contains(">0</text>"));
        // Values spanning more than half the way to 0 keep 0 on the axis, as bars always do.
        let svg = line(vec![10.0, 30.0]);
        assert!(svg.contains(">0</text>"));
        let svg = line(vec![40_000.0; 3]);
        assert!(svg.contains(">0</text>"));
    }

    #[test]
    fn horizontal_bars_grow_with_the_number_of_units() {
        let height = |n: usize| {
            let c = chart(
                ChartKind::HorizontalBars,
                (0..n).map(|i| format!("สำนักงานเขตที่ {i}")).collect(),
                vec![Series::new(
                    "อัตราว่าง",
                    (0..n).map(|i| i as f64 / 3.0).collect(),
                )],
                "%",
            );
            let svg = c.svg();
            assert_valid(&svg);
            assert_eq!(count(&svg, "<rect"), n);
            let h = svg
                .split("height=\"")
                .nth(1)
                .and_then(|s| s.split('"').next())
                .and_then(|s| s.parse::<f64>().ok());
            h.unwrap_or(0.0)
        };
        assert!(height(50) > height(20) + 250.0);
        // ~50 units still fit on an A4 page at the annual report's width (about 1,150).
        assert!((1000.0..1200.0).contains(&height(50)));
    }

    #[test]
    fn long_labels_are_shortened_and_kept_whole_in_a_tooltip() {
        let long = "สำนักงานเขตบางขุนเทียน ฝ่ายทะเบียนและบัตรประจำตัวประชาชน งานบริหารทั่วไป";
        for kind in KINDS {
            let c = chart(
                kind,
                vec![long.to_string(), "ข".to_string(), "ค".to_string()],
                vec![Series::new("อัตราว่าง", vec![1.0, 2.0, 3.0])],
                "%",
            );
            let svg = c.svg();
            assert_valid(&svg);
            assert!(svg.contains("…</text>"), "{kind:?}");
            assert!(svg.contains(&format!("<title>{long}</title>")), "{kind:?}");
        }
    }

    #[test]
    fn truncation_keeps_thai_marks_with_their_consonant() {
        let t = truncate("ผู้อำนวยการสำนักงานเขต", 60.0, 17.0);
        assert!(t.ends_with('…'));
        assert!(text_width(&t, 17.0) <= 60.0 + 0.01);
        // The mark after a kept consonant is kept; no mark starts the ellipsis.
        let before: Vec<char> = t.chars().collect();
        assert!(before.len() >= 2);
        assert!(!is_leading_vowel(before[before.len() - 2]));
        assert_eq!(truncate("สั้น", 100.0, 17.0), "สั้น");
        assert_eq!(truncate("เเเเเเเเเเเเ", 20.0, 17.0), "…");
    }

    #[test]
    fn sara_am_is_drawn_as_nikhahit_and_sara_aa() {
        assert_eq!(split_sara_am("กำลัง"), "ก\u{E4D}\u{E32}ลัง");
        assert_eq!(split_sara_am("น้ำ"), "น\u{E4D}\u{E49}\u{E32}");
        assert_eq!(split_sara_am("ำ"), "\u{E4D}\u{E32}");
        assert_eq!(split_sara_am("เขตพระนคร"), "เขตพระนคร");
        let c = Chart::new(
            "อัตรากำลัง",
            ChartKind::Columns,
            labels(&["สำนักการแพทย์"]),
            vec![Series::new("ประจำ", vec![1.0])],
            "",
        );
        let svg = c.svg();
        assert!(svg.contains(">อัตราก\u{E4D}\u{E32}ลัง</text>"));
        assert!(svg.contains(">ส\u{E4D}\u{E32}นักการแพทย์</text>"));
        // The accessible name and the tooltips keep the text as given.
        assert!(svg.contains(">อัตรากำลัง</title>"));
        assert!(svg.contains("<title>สำนักการแพทย์: 1</title>"));
    }

    #[test]
    fn text_is_escaped() {
        let c = Chart::new(
            "<b>&",
            ChartKind::Columns,
            labels(&["<b>&", "\"q'"]),
            vec![
                Series::new("<i>", vec![1.0, 2.0]),
                Series::new("a&b", vec![1.0, 2.0]),
            ],
            "<u>",
        );
        let svg = c.svg();
        assert_valid(&svg);
        assert!(!svg.contains("<b>") && !svg.contains("<i>") && !svg.contains("<u>"));
        assert!(svg.contains("&lt;b&gt;&amp;"));
        assert!(svg.contains("&quot;q&#39;"));
        assert!(svg.contains("a&amp;b"));
    }

    #[test]
    fn no_css_script_or_external_reference() {
        for kind in KINDS {
            let c = chart(
                kind,
                years(6),
                vec![
                    Series::new("ก", vec![1.0, -2.0, 3.0, 4.0, 5.0, 6.0]),
                    Series::new("ข", vec![6.0, 5.0, 4.0, 3.0, 2.0, 1.0]),
                ],
                "คน",
            );
            let svg = c.svg();
            assert_valid(&svg);
            assert!(svg.contains(&format!("font-family=\"{FONT}\"")));
            assert!(!svg.contains("class=") && !svg.contains("url("));
        }
    }

    #[test]
    fn accessible_name_and_description() {
        let c = chart(
            ChartKind::Columns,
            labels(&["สำนักงาน ก", "สำนักงาน ข"]),
            vec![Series::new("บรรจุ", vec![120.0, 4500.0])],
            "คน",
        );
        let svg = c.svg();
        let id = c.id();
        assert!(svg.contains("role=\"img\""));
        assert!(svg.contains(&format!("aria-labelledby=\"{id}-t {id}-d\"")));
        assert!(svg.contains(&format!("<title id=\"{id}-t\">อัตรากำลัง</title>")));
        let desc = svg
            .split(&format!("<desc id=\"{id}-d\">"))
            .nth(1)
            .and_then(|s| s.split("</desc>").next())
            .unwrap_or("");
        assert!(desc.contains("ค่าสูงสุด 4,500 คน (สำนักงาน ข)"), "{desc}");
        assert!(desc.contains("ค่าต่ำสุด 120 คน (สำนักงาน ก)"), "{desc}");
    }

    #[test]
    fn an_english_chart_speaks_english() {
        let c = Chart::new(
            "Headcount",
            ChartKind::Columns,
            labels(&["Office A", "Office B"]),
            vec![Series::new("filled", vec![120.0, 4500.0])],
            "people",
        )
        .in_english(true);
        let svg = c.svg();
        assert!(svg.contains("Unit: people"), "{svg}");
        assert!(svg.contains("Highest 4,500 people (Office B)"), "{svg}");
        assert!(svg.contains("Lowest 120 people (Office A)"), "{svg}");
        assert!(
            !svg.chars()
                .any(|ch| ('\u{0E00}'..='\u{0E7F}').contains(&ch)),
            "{svg}"
        );
        assert_ne!(c.id(), c.clone().in_english(false).id());
        let (head, _) = c.table_rows();
        assert_eq!(head[0], "Item");
        let empty = Chart::new("", ChartKind::Line, vec![], vec![], "").in_english(true);
        assert!(empty.svg().contains("No data"));
    }

    #[test]
    fn ids_differ_between_charts_and_are_stable() {
        let a = chart(
            ChartKind::Columns,
            years(2),
            vec![Series::new("ก", vec![1.0, 2.0])],
            "คน",
        );
        let mut b = a.clone();
        b.series[0].values[1] = 3.0;
        let mut t = a.clone();
        t.title = "อื่น".into();
        let mut k = a.clone();
        k.kind = ChartKind::Line;
        let ids = [a.id(), b.id(), t.id(), k.id()];
        for (x, i) in ids.iter().enumerate() {
            for j in &ids[x + 1..] {
                assert_ne!(i, j);
            }
        }
        assert_eq!(a.id(), a.clone().id());
        assert!(a.svg().contains(&format!("id=\"{}-t\"", a.id())));
        assert!(a
            .svg_with_id("x\" onload=\"1")
            .contains("id=\"xonload1-t\""));
        assert!(a.svg_with_id("").contains("id=\"chart--t\""));
    }

    #[test]
    fn degenerate_input_still_makes_a_chart() {
        let nasty = vec![
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            -5.0,
            1e300,
            -1e300,
        ];
        let cases = vec![
            (Vec::new(), Vec::new()),
            (years(3), Vec::new()),
            (Vec::new(), vec![Series::new("ก", vec![1.0])]),
            (years(3), vec![Series::new("", Vec::new())]),
            (years(3), vec![Series::new("ก", vec![0.0; 3])]),
            (years(2), vec![Series::new("ก", vec![1.0, 2.0, 3.0, 4.0])]),
            (years(6), vec![Series::new("ก", nasty.clone())]),
            (
                years(6),
                vec![Series::new("ก", nasty), Series::new("", vec![])],
            ),
            (
                vec![String::new(); 3],
                vec![Series::new("ก", vec![-1.0, -2.0, -0.5])],
            ),
            (years(200), vec![Series::new("ก", vec![1.0; 200]); 9]),
            (
                vec!["\u{0}\n\u{FFFE}".to_string()],
                vec![Series::new("\t", vec![1e-12])],
            ),
        ];
        for kind in KINDS {
            for (labels, series) in &cases {
                let c = Chart::new("", kind, labels.clone(), series.clone(), "");
                assert_valid(&c.svg());
                let (header, rows) = c.table_rows();
                assert_eq!(rows.len(), labels.len());
                assert!(rows.iter().all(|r| r.len() == header.len()));
            }
        }
        let empty = chart(ChartKind::Columns, Vec::new(), Vec::new(), "คน").svg();
        assert!(empty.contains(">ไม่มีข้อมูล</text>"));
    }

    #[test]
    fn table_rows_match_the_data() {
        let c = chart(
            ChartKind::StackedColumns,
            labels(&["2565", "2566", "2567"]),
            vec![
                Series::new("ข้าราชการ", vec![1234.0, f64::NAN, 3.5]),
                Series::new("ลูกจ้าง", vec![10.0, 20.0]),
            ],
            "คน",
        );
        let (header, rows) = c.table_rows();
        assert_eq!(
            header,
            labels(&["รายการ", "ข้าราชการ (คน)", "ลูกจ้าง (คน)", "รวม (คน)"])
        );
        assert_eq!(
            rows,
            vec![
                labels(&["2565", "1,234", "10", "1,244"]),
                labels(&["2566", "0", "20", "20"]),
                labels(&["2567", "3.5", "0", "3.5"]),
            ]
        );
        let p = chart(
            ChartKind::HorizontalBars,
            labels(&["เขตพระนคร"]),
            vec![Series::new("อัตราว่าง", vec![12.345, 99.0])],
            "%",
        );
        assert_eq!(
            p.table_rows(),
            (
                labels(&["รายการ", "อัตราว่าง (%)"]),
                vec![labels(&["เขตพระนคร", "12.3"])]
            )
        );
        assert!(p.svg().contains(">12.3%</text>"));
    }

    #[test]
    fn numbers_are_formatted() {
        assert_eq!(format_value(1_234_567.0, "คน"), "1,234,567");
        assert_eq!(format_value(999.0, "คน"), "999");
        assert_eq!(format_value(1000.0, "คน"), "1,000");
        assert_eq!(format_value(-1234.5, "บาท"), "-1,234.5");
        assert_eq!(format_value(32_540.505, "บาท"), "32,540.51");
        assert_eq!(format_value(12.0, "%"), "12.0");
        assert_eq!(format_value(0.05, "%"), "0.1");
        assert_eq!(format_value(-0.001, ""), "0");
        assert_eq!(format_value(f64::NAN, "คน"), "0");
        assert_eq!(format_value(f64::INFINITY, "%"), "0.0");
        assert_eq!(format_value(1e300, ""), "1,000,000,000,000,000");
        assert_eq!(format_number(1234.5, 2), "1,234.50");
    }

    #[test]
    fn axes_have_four_to_six_nice_ticks() {
        let a = Axis::nice(0.0, 10.0, true);
        assert_eq!(a.ticks(), vec![0.0, 2.0, 4.0, 6.0, 8.0, 10.0]);
        let a = Axis::nice(0.0, 2.0, true);
        assert_eq!(a.ticks(), vec![0.0, 1.0, 2.0, 3.0]);
        let a = Axis::nice(0.0, 0.0, false);
        assert_eq!(a.hi, 1.0);
        let a = Axis::nice(0.0, 12.3, false);
        assert_eq!((a.step, a.hi, a.decimals), (5.0, 15.0, 0));
        let a = Axis::nice(0.0, 0.37, false);
        assert_eq!(a.decimals, 1);
        let a = Axis::nice(-35.0, 80.0, true);
        assert_eq!((a.lo, a.hi, a.step), (-50.0, 100.0, 50.0));
        let mut v = 1e-6;
        while v < 1e15 {
            for (lo, integral) in [(0.0, false), (0.0, true), (-v / 3.0, false)] {
                let a = Axis::nice(lo, v, integral);
                let t = a.ticks();
                assert!((4..=6).contains(&t.len()), "{lo}..{v}: {t:?}");
                assert!(
                    a.lo <= lo * (1.0 - 1e-9) && a.hi >= v * (1.0 - 1e-9),
                    "{lo}..{v}"
                );
                let m = a.step / 10f64.powf(a.step.log10().floor());
                assert!(
                    [1.0, 2.0, 5.0].iter().any(|x| (m - x).abs() < 1e-6),
                    "{}",
                    a.step
                );
            }
            v *= 1.37;
        }
    }

    #[test]
    fn the_annual_report_prints_charts() {
        // typst draws the SVG with usvg: it must parse, fonts and all.
        let svgs: Vec<String> = KINDS
            .iter()
            .map(|k| {
                chart(
                    *k,
                    labels(&["สำนักงานเขตพระนคร", "สำนักการแพทย์", "<&>"]),
                    vec![
                        Series::new("ข้าราชการ", vec![120.0, 4500.0, f64::NAN]),
                        Series::new("ลูกจ้าง", vec![12.0, 450.0, 3.0]),
                    ],
                    "คน",
                )
                .svg()
            })
            .chain([
                chart(ChartKind::Columns, Vec::new(), Vec::new(), "คน").svg(),
                chart(
                    ChartKind::HorizontalBars,
                    (0..50).map(|i| format!("สำนักงานเขตที่ {i}")).collect(),
                    vec![Series::new("อัตราว่าง", vec![f64::NAN, -3.0, 1e300])],
                    "%",
                )
                .svg(),
            ])
            .collect();
        let tables: Vec<serde_json::Value> = svgs
            .iter()
            .map(|s| {
                serde_json::json!({
                    "title": "อัตรากำลัง", "columns": ["รายการ"], "rows": [["ก"]], "chart": s,
                })
            })
            .collect();
        let doc = serde_json::json!({
            "title": "รายงาน", "unit": "กรุงเทพมหานคร", "fiscal_year": "2569", "printed": "",
            "intro": "", "parts": [{ "title": "ส่วนที่ 1", "tables": tables }],
        });
        let pdf = crate::render(crate::Template::Annual, &doc, &crate::Emblem::default());
        assert!(matches!(&pdf, Ok(b) if b.starts_with(b"%PDF")), "{pdf:?}");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        #[test]
        fn any_input_makes_a_well_formed_svg(
            kind in prop::sample::select(KINDS.to_vec()),
            title in ".{0,60}",
            unit in prop::sample::select(vec!["", "คน", "%", "บาท", "<&>"]),
            labels in prop::collection::vec(".{0,40}", 0..30),
            series in prop::collection::vec(
                (".{0,20}", prop::collection::vec(
                    prop_oneof![
                        any::<f64>(),
                        -1e6..1e6f64,
                        0.0..100.0f64,
                        Just(f64::NAN),
                        Just(0.0),
                    ],
                    0..35,
                )),
                0..5,
            ),
        ) {
            let c = Chart::new(
                title,
                kind,
                labels,
                series.into_iter().map(|(n, v)| Series::new(n, v)).collect(),
                unit,
            );
            let svg = c.svg();
            prop_assert!(svg.starts_with("<svg"));
            prop_assert!(svg.ends_with("</svg>"));
            prop_assert_eq!(count(&svg, "<g>") + count(&svg, "<g "), count(&svg, "</g>"));
            prop_assert!(well_formed(&svg).is_ok(), "{:?}", well_formed(&svg));
            prop_assert!(!svg.contains("style=") && !svg.contains("\"NaN") && !svg.contains("inf\""));
            let (header, rows) = c.table_rows();
            prop_assert_eq!(rows.len(), c.labels.len());
            prop_assert!(rows.iter().all(|r| r.len() == header.len()));
        }
    }
}
