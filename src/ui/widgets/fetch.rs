//! Fetching an address: the app's own files (the geography, ECharts for the HTML export) and
//! the one address a `?src=` link names. Every failure is typed; `messages` words it.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Why a file could not be fetched from an address.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FetchError {
    /// The request did not get an answer: offline, refused by the server's CORS rules or by
    /// the page's own policy.
    Unreachable,
    /// The server answered with an error status.
    Status(u16),
    /// The address leads to a web page, not a file.
    WebPage,
    /// A recipe that Carnet cannot read.
    BadRecipe(String),
    /// An address that is not `http:` or `https:` (`javascript:`, `data:`, `file:`, `blob:`…):
    /// the scheme it has.
    Scheme(String),
    /// A file larger than Carnet fetches ([`MAX_BYTES`]): its size as announced, or as far as
    /// it was read.
    TooLarge(u64),
}

/// The largest file Carnet fetches from an address, in bytes (1 GiB).
pub const MAX_BYTES: u64 = 1 << 30;

/// `url` if Carnet may fetch it: an `http:` or `https:` address.
///
/// # Errors
/// [`FetchError::Scheme`] for any other scheme.
pub fn checked(url: &str) -> Result<&str, FetchError> {
    let scheme = url.split_once(':').map_or("", |(s, _)| s).to_ascii_lowercase();
    if matches!(scheme.as_str(), "http" | "https") { Ok(url) } else { Err(FetchError::Scheme(scheme)) }
}

/// The answer to a GET of `url`, when its status is a success.
async fn get(url: &str) -> Result<web_sys::Response, FetchError> {
    let window = web_sys::window().ok_or(FetchError::Unreachable)?;
    let response = JsFuture::from(window.fetch_with_str(url)).await.map_err(|_| FetchError::Unreachable)?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| FetchError::Unreachable)?;
    if response.ok() { Ok(response) } else { Err(FetchError::Status(response.status())) }
}

/// The text at `url` (one of the app's own files, by a relative address).
///
/// # Errors
/// See [`FetchError`].
pub async fn text(url: &str) -> Result<String, FetchError> {
    let response = get(url).await?;
    let text = JsFuture::from(response.text().map_err(|_| FetchError::Unreachable)?)
        .await
        .map_err(|_| FetchError::Unreachable)?;
    text.as_string().ok_or(FetchError::Unreachable)
}

/// The file at `url`, an absolute `http(s):` address, as a `File` named after the address's
/// last segment.
///
/// # Errors
/// See [`FetchError`]; another scheme is [`FetchError::Scheme`], a web page (`text/html`)
/// [`FetchError::WebPage`], a file over [`MAX_BYTES`] [`FetchError::TooLarge`].
pub async fn file(url: &str) -> Result<web_sys::File, FetchError> {
    let response = get(checked(url)?).await?;
    let kind = response.headers().get("content-type").ok().flatten().unwrap_or_default();
    if kind.starts_with("text/html") {
        return Err(FetchError::WebPage);
    }
    let announced = response.headers().get("content-length").ok().flatten().and_then(|n| n.parse::<u64>().ok());
    if let Some(bytes) = announced.filter(|&n| n > MAX_BYTES) {
        return Err(FetchError::TooLarge(bytes));
    }
    let chunks = bounded_body(&response).await?;
    let options = web_sys::FilePropertyBag::new();
    options.set_type(&kind);
    web_sys::File::new_with_u8_array_sequence_and_options(&chunks, &file_name(url), &options)
        .map_err(|_| FetchError::Unreachable)
}

/// The response's body, chunk by chunk, counted as it comes: past [`MAX_BYTES`] the download
/// stops, whatever the response announced (a chunked or compressed answer announces nothing
/// or less).
async fn bounded_body(response: &web_sys::Response) -> Result<js_sys::Array, FetchError> {
    let chunks = js_sys::Array::new();
    let Some(body) = response.body() else { return Ok(chunks) };
    let reader = web_sys::ReadableStreamDefaultReader::new(&body).map_err(|_| FetchError::Unreachable)?;
    let mut size = 0u64;
    loop {
        let result: web_sys::ReadableStreamReadResult =
            JsFuture::from(reader.read()).await.map_err(|_| FetchError::Unreachable)?.unchecked_into();
        if result.get_done() == Some(true) {
            return Ok(chunks);
        }
        let chunk: js_sys::Uint8Array = result.get_value().dyn_into().map_err(|_| FetchError::Unreachable)?;
        size += u64::from(chunk.length());
        if size > MAX_BYTES {
            let _ = reader.cancel();
            return Err(FetchError::TooLarge(size));
        }
        chunks.push(&chunk);
    }
}

/// The last segment of an address's path, decoded (`…/cc_filosofi_2020_COM.csv?x` →
/// `cc_filosofi_2020_COM.csv`).
fn file_name(url: &str) -> String {
    let path = web_sys::Url::new(url).map(|u| u.pathname()).unwrap_or_default();
    let last = path.rsplit('/').next().unwrap_or_default();
    js_sys::decode_uri_component(last)
        .ok()
        .and_then(|s| s.as_string())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "fichier.csv".to_owned())
}
