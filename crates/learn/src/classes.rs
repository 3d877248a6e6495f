//! Word classes from unlabelled text by the exchange algorithm (Kneser and Ney 1993;
//! Martin, Liermann and Ney 1998): each word in turn moves to the class that most raises
//! the likelihood of a class-bigram model of the text.

use std::collections::HashMap;

/// The exchange algorithm over a stream of word ids `0..v`: the class of each word.
/// `iterations` bounds the passes over the vocabulary; it stops sooner once a pass moves
/// fewer than one word in 200. Words `0..c` start one to a class, so put the most frequent
/// first.
pub fn exchange_classes(stream: &[u32], v: usize, c: usize, iterations: usize) -> Vec<u32> {
    // Ids outside the vocabulary are the caller's bug; they are left out, not a panic.
    let stream: Vec<u32> = stream
        .iter()
        .copied()
        .filter(|&w| (w as usize) < v)
        .collect();
    let c = c.max(1);
    // Word bigram counts, as each word's right and left neighbours.
    let mut pairs: HashMap<(u32, u32), u32> = HashMap::new();
    for w in stream.windows(2) {
        *pairs.entry((w[0], w[1])).or_default() += 1;
    }
    let mut right: Vec<Vec<(u32, u32)>> = vec![Vec::new(); v];
    let mut left: Vec<Vec<(u32, u32)>> = vec![Vec::new(); v];
    let mut selfs = vec![0u32; v];
    let mut sorted: Vec<((u32, u32), u32)> = pairs.into_iter().collect();
    sorted.sort_unstable();
    for ((a, b), n) in sorted {
        if a == b {
            selfs[a as usize] = n;
        } else {
            right[a as usize].push((b, n));
            left[b as usize].push((a, n));
        }
    }
    let out_count: Vec<u64> = (0..v)
        .map(|w| right[w].iter().map(|&(_, n)| u64::from(n)).sum::<u64>() + u64::from(selfs[w]))
        .collect();
    let in_count: Vec<u64> = (0..v)
        .map(|w| left[w].iter().map(|&(_, n)| u64::from(n)).sum::<u64>() + u64::from(selfs[w]))
        .collect();
    // Start: the most frequent words one to a class, the rest round-robin.
    let mut class: Vec<usize> = (0..v).map(|w| w % c).collect();
    let mut big = vec![0i64; c * c];
    let mut class_out = vec![0i64; c];
    let mut class_in = vec![0i64; c];
    for w in 0..v {
        for &(x, n) in &right[w] {
            big[class[w] * c + class[x as usize]] += i64::from(n);
        }
        big[class[w] * c + class[w]] += i64::from(selfs[w]);
        class_out[class[w]] += out_count[w] as i64;
        class_in[class[w]] += in_count[w] as i64;
    }
    let f = |x: i64| {
        if x <= 0 {
            0.0
        } else {
            x as f64 * (x as f64).ln()
        }
    };
    let mut r = vec![0i64; c];
    let mut l = vec![0i64; c];
    let mut r_touched: Vec<usize> = Vec::new();
    let mut l_touched: Vec<usize> = Vec::new();
    for _ in 0..iterations {
        let mut moved = 0usize;
        for w in 0..v {
            // The classes of w's neighbours, with counts.
            for &d in &r_touched {
                r[d] = 0;
            }
            for &d in &l_touched {
                l[d] = 0;
            }
            r_touched.clear();
            l_touched.clear();
            for &(x, n) in &right[w] {
                let d = class[x as usize];
                if r[d] == 0 {
                    r_touched.push(d);
                }
                r[d] += i64::from(n);
            }
            for &(x, n) in &left[w] {
                let d = class[x as usize];
                if l[d] == 0 {
                    l_touched.push(d);
                }
                l[d] += i64::from(n);
            }
            let sw = i64::from(selfs[w]);
            let (ow, iw) = (out_count[w] as i64, in_count[w] as i64);
            let apply = |big: &mut [i64],
                         class_out: &mut [i64],
                         class_in: &mut [i64],
                         k: usize,
                         sign: i64| {
                for &d in &r_touched {
                    big[k * c + d] += sign * r[d];
                }
                for &d in &l_touched {
                    big[d * c + k] += sign * l[d];
                }
                big[k * c + k] += sign * sw;
                class_out[k] += sign * ow;
                class_in[k] += sign * iw;
            };
            let from = class[w];
            apply(&mut big, &mut class_out, &mut class_in, from, -1);
            // The gain of adding w to class k, against the model without w.
            let gain = |k: usize| -> f64 {
                let mut g = 0.0;
                for &d in &r_touched {
                    if d != k {
                        let old = big[k * c + d];
                        g += f(old + r[d]) - f(old);
                    }
                }
                for &d in &l_touched {
                    if d != k {
                        let old = big[d * c + k];
                        g += f(old + l[d]) - f(old);
                    }
                }
                let old = big[k * c + k];
                g += f(old + r[k] + l[k] + sw) - f(old);
                g -= f(class_out[k] + ow) - f(class_out[k]);
                g -= f(class_in[k] + iw) - f(class_in[k]);
                g
            };
            let mut best = (from, gain(from));
            for k in 0..c {
                if k == from {
                    continue;
                }
                let g = gain(k);
                if g > best.1 + 1e-9 {
                    best = (k, g);
                }
            }
            apply(&mut big, &mut class_out, &mut class_in, best.0, 1);
            if best.0 != from {
                class[w] = best.0;
                moved += 1;
            }
        }
        if moved * 200 < v {
            break;
        }
    }
    class.into_iter().map(|k| k as u32).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two determiners, three nouns and two verbs in every order a toy grammar allows:
    /// words of one part of speech end up in one class.
    #[test]
    fn words_used_alike_share_a_class() {
        // 0 is the sentence boundary.
        let (dets, nouns, verbs) = ([1u32, 2], [3u32, 4, 5], [6u32, 7]);
        let mut stream = vec![0u32];
        for round in 0..20 {
            for (k, &d) in dets.iter().enumerate() {
                for (j, &n) in nouns.iter().enumerate() {
                    let v = verbs[(round + k + j) % 2];
                    stream.extend([d, n, v, 0]);
                }
            }
        }
        let class = exchange_classes(&stream, 8, 4, 20);
        assert_eq!(class[1], class[2]);
        assert_eq!(class[3], class[4]);
        assert_eq!(class[4], class[5]);
        assert_eq!(class[6], class[7]);
        assert_ne!(class[1], class[3]);
        assert_ne!(class[3], class[6]);
        assert_ne!(class[1], class[6]);
        // Degenerate input does not panic.
        assert_eq!(exchange_classes(&[0, 9, 1], 2, 0, 3), vec![0, 0]);
    }
}
