//! Thai PDFs typeset by typst, used as a library.
//!
//! Why typst: it shapes Thai with rustybuzz (stacked vowels and tone marks placed by the
//! font's mark positioning), breaks Thai lines at words with ICU4X's segmenter (Thai has no
//! spaces between words), lays out tables that repeat their header on every page, embeds and
//! subsets fonts, and draws SVG. A document is a template (`templates/*.typ`, shipped inside
//! the binary) that reads one JSON file of already formatted text; every rule and every
//! figure is decided in Rust before the template sees it.

use std::sync::LazyLock;

use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;

/// The document kinds bmahr prints, each a template in `templates/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Template {
    /// คำสั่ง with its บัญชีรายละเอียดแนบท้ายคำสั่ง.
    Order,
    /// ทะเบียนประวัติ (ก.พ.7).
    Record,
    /// รายงานการบริหารและพัฒนาทรัพยากรบุคคลประจำปี (seed 002).
    Annual,
    /// Any list: a title, columns and rows.
    Table,
}

impl Template {
    fn path(self) -> &'static str {
        match self {
            Template::Order => "/order.typ",
            Template::Record => "/record.typ",
            Template::Annual => "/annual.typ",
            Template::Table => "/table.typ",
        }
    }
}

/// The template files, shipped inside the binary.
const SOURCES: &[(&str, &str)] = &[
    ("/common.typ", include_str!("../templates/common.typ")),
    ("/order.typ", include_str!("../templates/order.typ")),
    ("/record.typ", include_str!("../templates/record.typ")),
    ("/annual.typ", include_str!("../templates/annual.typ")),
    ("/table.typ", include_str!("../templates/table.typ")),
];

/// Laksaman (TLWG), metric-compatible with TH Sarabun New; see `fonts/README.md`.
const FONT_FILES: &[&[u8]] = &[
    include_bytes!("../fonts/Laksaman.ttf"),
    include_bytes!("../fonts/Laksaman-Bold.ttf"),
];

/// The emblem printed above an order when none is configured: a neutral seal, since the
/// BMA's own emblem is the BMA's to supply (`bmahr serve --emblem FILE`).
const DEFAULT_EMBLEM: &[u8] = include_bytes!("../assets/emblem.svg");

struct Shared {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

/// Fonts parsed and the standard library built once per process.
static SHARED: LazyLock<Shared> = LazyLock::new(|| {
    let fonts: Vec<Font> = FONT_FILES
        .iter()
        .flat_map(|b| Font::iter(Bytes::new(*b)))
        .collect();
    Shared {
        library: LazyHash::new(Library::default()),
        book: LazyHash::new(FontBook::from_fonts(&fonts)),
        fonts,
    }
});

/// The emblem an order carries: SVG or PNG bytes.
#[derive(Debug, Clone)]
pub struct Emblem {
    bytes: Vec<u8>,
    format: &'static str,
}

impl Default for Emblem {
    fn default() -> Self {
        Emblem {
            bytes: DEFAULT_EMBLEM.to_vec(),
            format: "svg",
        }
    }
}

impl Emblem {
    /// An emblem from a file's bytes, by what they are (PNG, JPEG or SVG).
    pub fn from_bytes(bytes: Vec<u8>) -> Result<Emblem, DocError> {
        let format = if bytes.starts_with(b"\x89PNG") {
            "png"
        } else if bytes.starts_with(&[0xFF, 0xD8]) {
            "jpg"
        } else if std::str::from_utf8(&bytes).is_ok_and(|s| s.contains("<svg")) {
            "svg"
        } else {
            return Err(DocError::Emblem);
        };
        Ok(Emblem { bytes, format })
    }
}

#[derive(Debug, thiserror::Error)]
pub enum DocError {
    #[error("จัดหน้าเอกสารไม่ได้ / the document could not be typeset: {0}")]
    Typeset(String),
    #[error("ตราสัญลักษณ์ต้องเป็นไฟล์ PNG, JPEG หรือ SVG / the emblem must be a PNG, JPEG or SVG file")]
    Emblem,
    #[error("เขียนไฟล์ XLSX ไม่ได้ / the XLSX file could not be written: {0}")]
    Sheet(String),
}

fn file_id(path: &str) -> Option<FileId> {
    VirtualPath::new(path)
        .ok()
        .map(|p| FileId::new(RootedPath::new(VirtualRoot::Project, p)))
}

/// One compilation: the templates, the data file and the emblem.
struct Job {
    main: FileId,
    data: Bytes,
    emblem: Bytes,
}

impl Job {
    fn path_of(id: FileId) -> String {
        id.get().vpath().get_without_slash().to_string()
    }
}

impl World for Job {
    fn library(&self) -> &LazyHash<Library> {
        &SHARED.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &SHARED.book
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        let path = format!("/{}", Job::path_of(id));
        SOURCES
            .iter()
            .find(|(p, _)| *p == path)
            .map(|(_, text)| Source::new(id, (*text).to_string()))
            .ok_or(FileError::AccessDenied)
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        match Job::path_of(id).as_str() {
            "data.json" => Ok(self.data.clone()),
            "emblem" => Ok(self.emblem.clone()),
            _ => self.source(id).map(Bytes::from_string),
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        SHARED.fonts.get(index).cloned()
    }

    /// Documents print the dates they are given, never the machine's clock.
    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        None
    }
}

/// Typesets `template` over `data` (serialised to `/data.json` as `{doc, emblem_format}`) into
/// PDF bytes. CPU-bound: call it off the async runtime (`spawn_blocking`).
pub fn render<T: serde::Serialize>(
    template: Template,
    data: &T,
    emblem: &Emblem,
) -> Result<Vec<u8>, DocError> {
    let json = serde_json::to_vec(&serde_json::json!({
        "doc": data,
        "emblem_format": emblem.format,
    }))
    .map_err(|e| DocError::Typeset(e.to_string()))?;
    let main = file_id(template.path()).ok_or_else(|| DocError::Typeset("path".into()))?;
    let job = Job {
        main,
        data: Bytes::new(json),
        emblem: Bytes::new(emblem.bytes.clone()),
    };
    let compiled = typst::compile::<PagedDocument>(&job);
    let out = match compiled.output {
        Ok(doc) => typst_pdf::pdf(&doc, &typst_pdf::PdfOptions::default()).map_err(diagnose),
        Err(e) => Err(diagnose(e)),
    };
    // typst memoises across compilations; keep only what the last few documents used.
    typst::comemo::evict(4);
    out
}

fn diagnose(errors: impl IntoIterator<Item = SourceDiagnostic>) -> DocError {
    DocError::Typeset(
        errors
            .into_iter()
            .map(|d| d.message.to_string())
            .collect::<Vec<_>>()
            .join("; "),
    )
}
