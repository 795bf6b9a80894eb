//! Bytes in messages. Serialized as they are (`serde_bytes`: an array of numbers in JSON), or,
//! while a transport has set a [`Carrier`], carried beside the serialized text — the page and
//! the worker pass them as `Uint8Array`s — with only their place written. The engine stays free
//! of browser types: the transport is the trait.
//!
//! ```
//! #[derive(serde::Serialize, serde::Deserialize)]
//! struct File {
//!     #[serde(with = "carnet::engine::carry")]
//!     bytes: Vec<u8>,
//! }
//! let json = serde_json::to_string(&File { bytes: vec![1, 2] }).unwrap();
//! assert_eq!(json, r#"{"bytes":[1,2]}"#);
//! ```

use serde::{Deserialize, Deserializer, Serializer, de::Error};
use std::cell::RefCell;
use std::rc::Rc;

/// Where a transport keeps the bytes of the message being written or read.
pub trait Carrier {
    /// Keeps `bytes` beside the message; returns their place.
    fn put(&self, bytes: &[u8]) -> u64;
    /// The bytes kept at `place`.
    fn take(&self, place: u64) -> Option<Vec<u8>>;
}

thread_local! {
    static CARRIER: RefCell<Option<Rc<dyn Carrier>>> = const { RefCell::new(None) };
}

/// Runs `f` (a serialization or a deserialization) with `carrier` keeping the bytes.
pub fn with<R>(carrier: Rc<dyn Carrier>, f: impl FnOnce() -> R) -> R {
    let previous = CARRIER.replace(Some(carrier));
    let out = f();
    CARRIER.set(previous);
    out
}

fn carrier() -> Option<Rc<dyn Carrier>> {
    CARRIER.with_borrow(Clone::clone)
}

/// Serializes `bytes`: their place when a carrier is set, else the bytes.
///
/// # Errors
/// The serializer's.
pub fn serialize<S: Serializer>(bytes: &[u8], serializer: S) -> Result<S::Ok, S::Error> {
    match carrier() {
        Some(c) => serializer.serialize_u64(c.put(bytes)),
        None => serde_bytes::serialize(bytes, serializer),
    }
}

/// Deserializes bytes written by [`serialize`].
///
/// # Errors
/// The deserializer's, or a place where the carrier keeps nothing.
pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<u8>, D::Error> {
    match carrier() {
        Some(c) => {
            let place = u64::deserialize(deserializer)?;
            c.take(place).ok_or_else(|| D::Error::custom(format!("no bytes carried at {place}")))
        }
        None => serde_bytes::deserialize(deserializer),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Serialize;

    #[derive(Serialize, Deserialize, PartialEq, Debug)]
    struct File {
        name: String,
        #[serde(with = "super")]
        bytes: Vec<u8>,
    }

    #[derive(Default)]
    struct Beside(RefCell<Vec<Vec<u8>>>);

    impl Carrier for Beside {
        fn put(&self, bytes: &[u8]) -> u64 {
            self.0.borrow_mut().push(bytes.to_vec());
            self.0.borrow().len() as u64 - 1
        }
        fn take(&self, place: u64) -> Option<Vec<u8>> {
            self.0.borrow().get(place as usize).cloned()
        }
    }

    #[test]
    fn bytes_travel_beside_the_text_while_a_carrier_is_set() {
        let files =
            vec![File { name: "a.png".into(), bytes: vec![0x89, b'P'] }, File { name: "b".into(), bytes: vec![] }];
        let beside = Rc::new(Beside::default());
        let json = with(beside.clone(), || serde_json::to_string(&files).unwrap());
        assert_eq!(json, r#"[{"name":"a.png","bytes":0},{"name":"b","bytes":1}]"#);
        let back: Vec<File> = with(beside, || serde_json::from_str(&json).unwrap());
        assert_eq!(back, files);
        assert!(serde_json::from_str::<Vec<File>>(&json).is_err(), "no carrier: places are not bytes");
    }
}
