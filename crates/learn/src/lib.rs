//! Small learners that Parallax trains on its development data and ships as text files.
//!
//! - [`Gbdt`]: gradient-boosted decision trees for binary classification (logistic loss,
//!   histogram splits, depth-wise growth). Training is deterministic: the same data and
//!   [`GbdtParams`] give the same model, byte for byte.
//! - [`smooth`]: the most likely on/off labelling of a sequence, given per-item
//!   probabilities and a cost for switching (two-state Viterbi).
//! - [`exchange_classes`]: word classes from unlabelled text (the exchange algorithm).
//! - [`Perceptron`]: a structured averaged perceptron for BIO sequence labelling over
//!   hashed sparse features ([`mix_key`] of [`fnv`] hashes), with first-order Viterbi decoding.
//!
//! This crate knows nothing about news, text or Parallax's stages; it may depend on `rayon`
//! (training uses both cores) and `thiserror`. Models are plain text so that a diff of a
//! retrained model is reviewable and nothing binary enters the repository.
//!
//! ```
//! use parallax_learn::{Dataset, Gbdt, GbdtParams};
//!
//! // y = x0 > 0.5, with a distracting second feature.
//! let mut data = Dataset::new(vec!["x0".into(), "noise".into()]);
//! for i in 0..200 {
//!     let x = i as f32 / 200.0;
//!     data.push(&[x, (i % 7) as f32], x > 0.5);
//! }
//! let model = Gbdt::train(&data, &GbdtParams { trees: 20, ..GbdtParams::default() });
//! assert!(model.predict(&[0.9, 3.0]) > 0.9);
//! assert!(model.predict(&[0.1, 3.0]) < 0.1);
//! let reloaded = Gbdt::from_text(&model.to_text()).unwrap();
//! assert_eq!(reloaded.predict(&[0.9, 3.0]), model.predict(&[0.9, 3.0]));
//! ```

mod classes;
mod gbdt;
mod perceptron;
mod sequence;

pub use classes::exchange_classes;
pub use gbdt::{Dataset, Gbdt, GbdtParams, ModelError};
pub use perceptron::{FNV_START, Perceptron, PerceptronParams, Sequence, fnv, fnv_extend, mix_key};
pub use sequence::smooth;
