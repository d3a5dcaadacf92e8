//! marsad's extraction stage: entities (with linking to the knowledge base), quotes with
//! speaker attribution, time expressions, quantities and PLOVER events, assembled into
//! a [`Document`] in the `marsad.document/1` shape.
//!
//! This crate does no IO: lexicons and the knowledge base come in as values (the
//! bundled copies are compiled in with `include_str!`). Odd input is never an error.
//!
//! ```
//! use marsad_extract::{Extractor, Source};
//! let extractor = Extractor::bundled().expect("bundled data parses");
//! let doc = extractor.analyze("قال الرئيس الروسي فلاديمير بوتين إن موسكو مستعدة.", &Source::default());
//! assert_eq!(doc.schema, "marsad.document/1");
//! ```
#![deny(missing_docs)]

mod bytescan;
pub mod context;
pub mod document;
pub mod entities;
pub mod error;
pub mod eval;
pub mod events;
pub mod kb;
pub mod ner;
pub mod pipeline;
pub mod quantity;
pub mod quotes;
pub mod time;

pub use context::TextContext;
pub use document::*;
pub use error::Error;
pub use kb::KnowledgeBase;
pub use pipeline::{document_id, Extractor, Source};
