//! Two-state sequence smoothing.
//!
//! A classifier that labels lines one at a time flickers: a short caption inside an article
//! scores low, a long cookie notice scores high. Real pages come in runs, so we decode the
//! whole sequence at once with a two-state hidden Markov model whose emissions are the
//! classifier's probabilities and whose transitions make every switch cost something.

/// The most likely on/off labelling of a sequence.
///
/// `probs[i]` is the probability that item `i` is "on"; `stay` (in `0.5..1`) is the prior
/// probability that an item has the same label as the one before it. The higher `stay`, the
/// longer the runs. Probabilities are clamped away from 0 and 1 so that no single item is
/// certain.
pub fn smooth(probs: &[f32], stay: f32) -> Vec<bool> {
    const FLOOR: f32 = 1e-4;
    let n = probs.len();
    if n == 0 {
        return Vec::new();
    }
    let stay = stay.clamp(0.5, 1.0 - FLOOR);
    let (keep, switch) = (stay.ln(), (1.0 - stay).ln());
    let emit = |p: f32| {
        let p = p.clamp(FLOOR, 1.0 - FLOOR);
        [(1.0 - p).ln(), p.ln()]
    };
    // back[i][s]: the best state at i-1 given state s at i.
    let mut back = vec![[0u8; 2]; n];
    let mut score = emit(probs[0]);
    for i in 1..n {
        let e = emit(probs[i]);
        let mut next = [0.0; 2];
        for s in 0..2 {
            let from_same = score[s] + keep;
            let from_other = score[1 - s] + switch;
            let (best, prev) = if from_same >= from_other {
                (from_same, s)
            } else {
                (from_other, 1 - s)
            };
            next[s] = best + e[s];
            back[i][s] = prev as u8;
        }
        score = next;
    }
    let mut state = usize::from(score[1] > score[0]);
    let mut out = vec![false; n];
    for i in (0..n).rev() {
        out[i] = state == 1;
        state = back[i][state] as usize;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_a_dip_inside_a_run() {
        let p = [0.1, 0.9, 0.9, 0.4, 0.9, 0.9, 0.1, 0.05];
        let expect = [false, true, true, true, true, true, false, false];
        assert_eq!(smooth(&p, 0.8), expect);
    }

    #[test]
    fn low_stay_follows_the_classifier() {
        let p = [0.1, 0.9, 0.4, 0.9];
        assert_eq!(smooth(&p, 0.5), [false, true, false, true]);
    }

    #[test]
    fn confident_items_survive_smoothing() {
        let p = [0.9, 0.9, 0.01, 0.9, 0.9];
        assert_eq!(smooth(&p, 0.8), [true, true, false, true, true]);
    }

    #[test]
    fn empty_and_single() {
        assert!(smooth(&[], 0.8).is_empty());
        assert_eq!(smooth(&[0.7], 0.8), [true]);
    }
}
