//! Files as HTTP answers, for the pages and the API alike: the type, a file name the browser
//! saves under, and `?format=` which turns any list into a download.

use axum::http::header;
use axum::response::{IntoResponse, Response};

use crate::error::ApiError;
use crate::usecases::documents::Download;

impl IntoResponse for Download {
    fn into_response(self) -> Response {
        (
            [
                (header::CONTENT_TYPE, self.content_type.to_string()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{}\"", self.filename),
                ),
            ],
            self.bytes,
        )
            .into_response()
    }
}

/// `?format=xlsx` or `?format=pdf` on a list: the same list as a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum FileFormat {
    Xlsx,
    Pdf,
}

#[derive(Debug, Clone, Copy, Default, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AsFile {
    /// `xlsx` or `pdf`: the list as a file instead of JSON (or the page).
    pub format: Option<FileFormat>,
}

impl FileFormat {
    /// A list as this kind of file, written off the async runtime (a whole-BMA list is a
    /// second of work). `name` is the file's name without extension.
    pub async fn write(self, sheet: bmahr_docs::Sheet, name: &str) -> Result<Download, ApiError> {
        let name = name.to_string();
        tokio::task::spawn_blocking(move || match self {
            FileFormat::Xlsx => sheet.to_xlsx().map(|b| Download::xlsx(b, &name)),
            FileFormat::Pdf => sheet.to_pdf().map(|b| Download::pdf(b, &name)),
        })
        .await
        .map_err(|e| ApiError::Internal(format!("writing the file stopped: {e}")))?
        .map_err(|e| ApiError::Internal(e.to_string()))
    }
}
