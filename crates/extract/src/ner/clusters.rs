//! Word clusters learnt without labels, as a hierarchy: a word's code is the path of
//! its cluster in a tree, so words used alike share code prefixes and a shorter prefix
//! is a coarser cluster. Built by `marsad train clusters`:
//!
//! 1. each frequent word's left and right neighbours are counted (separately; sentence
//!    boundaries, numbers and punctuation count as neighbours too);
//! 2. the counts are weighted by positive pointwise mutual information, with the
//!    neighbour distribution smoothed (counts raised to 0.75) so that rare neighbours do
//!    not dominate;
//! 3. a truncated SVD (randomized range finder: a random ±1 projection refined by two
//!    power iterations, then the eigenvectors of a small Gram matrix by Jacobi rotations)
//!    reduces each word's sparse vector to 256 dense dimensions, weighted by the square
//!    root of the singular values; the vectors are scaled to unit length. Unlike a bare
//!    random projection this pools the evidence of related neighbours, which matters for
//!    rare words;
//! 4. spherical k-means splits the words into 16 clusters, each of those into 16, and so
//!    on: each level adds 4 bits to the code, most significant first (4 levels = the top
//!    16 bits; the bits below are 0).
//!
//! Everything is deterministic for a fixed seed.

use marsad_text::TokenKind;
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// Bits of code each level of the cluster tree adds (`2^LEVEL_BITS` children a node).
pub const LEVEL_BITS: u32 = 4;

/// Children of a node of the cluster tree.
const BRANCHING: usize = 1 << LEVEL_BITS;

/// The stream entry between two sentences.
const BOUNDARY: u32 = u32::MAX;

/// Not an index (of a context or a vocabulary row).
const NONE: u32 = u32::MAX;

/// Settings of the cluster builder.
#[derive(Debug, Clone, Copy)]
pub struct ClusterOptions {
    /// How many of the most frequent words get a code.
    pub vocabulary: usize,
    /// How many of the most frequent tokens (words, numbers, punctuation) serve as
    /// neighbours, on each side; the sentence boundary is one more.
    pub contexts: usize,
    /// Words seen fewer times get no code.
    pub min_count: u64,
    /// Dimensions of the word vectors (singular vectors kept).
    pub dimensions: usize,
    /// Levels of the cluster tree (each adds [`LEVEL_BITS`] bits of code; at most 8).
    pub levels: u32,
    /// Power iterations of the truncated SVD (more: closer to the exact one).
    pub power: usize,
    /// Exponent of the singular values weighting the SVD coordinates.
    pub weight: f64,
    /// Seed of the random projection and of the k-means starts.
    pub seed: u64,
}

impl Default for ClusterOptions {
    fn default() -> Self {
        ClusterOptions {
            vocabulary: 60_000,
            contexts: 20_000,
            min_count: 5,
            dimensions: 256,
            levels: 4,
            power: 2,
            weight: 0.5,
            seed: 7,
        }
    }
}

/// Collects texts (as token ids) and builds the cluster codes of their words.
#[derive(Debug, Default)]
pub struct ClusterBuilder {
    /// Token ids in text order, [`BOUNDARY`] between sentences.
    stream: Vec<u32>,
    /// Id of a key: a word's clitic-free base, or `\u{1}` and a marker for other tokens.
    ids: HashMap<String, u32>,
    /// By id: the key, how often it was seen, whether it is a word.
    keys: Vec<String>,
    counts: Vec<u64>,
    is_word: Vec<bool>,
}

impl ClusterBuilder {
    /// Adds one text: its words (as clitic-free bases), numbers and punctuation, sentence
    /// by sentence.
    pub fn add_text(&mut self, text: &str) {
        let analysis = marsad_text::analyze(text);
        let mut sentence = usize::MAX;
        for t in &analysis.tokens {
            if t.sentence != sentence {
                self.end_sentence();
                sentence = t.sentence;
            }
            let id = match t.kind {
                TokenKind::Word => self.id(t.base.as_str(), true),
                TokenKind::Number => self.id("\u{1}number", false),
                TokenKind::Latin => self.id("\u{1}latin", false),
                TokenKind::Url => self.id("\u{1}url", false),
                TokenKind::Punct | TokenKind::Symbol => {
                    let key = format!("\u{1}{}", t.norm);
                    self.id(&key, false)
                }
            };
            self.counts[id as usize] += 1;
            self.stream.push(id);
        }
        self.end_sentence();
    }

    fn end_sentence(&mut self) {
        if self.stream.last().is_some_and(|&l| l != BOUNDARY) {
            self.stream.push(BOUNDARY);
        }
    }

    fn id(&mut self, key: &str, word: bool) -> u32 {
        if let Some(&id) = self.ids.get(key) {
            return id;
        }
        let id = self.keys.len() as u32;
        self.ids.insert(key.to_string(), id);
        self.keys.push(key.to_string());
        self.counts.push(0);
        self.is_word.push(word);
        id
    }

    /// Computes the codes: `(word, count, code)` for the vocabulary, most frequent first.
    /// A word whose kept neighbours were seen fewer than 3 times gets none.
    pub fn build(&self, opts: ClusterOptions) -> Vec<(String, u64, u32)> {
        let mut order: Vec<u32> = (0..self.keys.len() as u32).collect();
        order.sort_by(|&a, &b| {
            let (a, b) = (a as usize, b as usize);
            self.counts[b]
                .cmp(&self.counts[a])
                .then_with(|| self.keys[a].cmp(&self.keys[b]))
        });
        // Context 0 is the sentence boundary; the most frequent tokens follow.
        let mut context = vec![NONE; self.keys.len()];
        for (i, &id) in order.iter().take(opts.contexts).enumerate() {
            context[id as usize] = i as u32 + 1;
        }
        let sides = opts.contexts.min(order.len()) + 1;
        let vocab: Vec<u32> = order
            .iter()
            .copied()
            .filter(|&id| self.is_word[id as usize] && self.counts[id as usize] >= opts.min_count)
            .take(opts.vocabulary)
            .collect();
        let mut row = vec![NONE; self.keys.len()];
        for (r, &id) in vocab.iter().enumerate() {
            row[id as usize] = r as u32;
        }
        let matrix = ContextMatrix::count(&self.stream, &row, &context, vocab.len(), sides);
        let weighted = matrix.ppmi(sides, 0.75);
        let dims = opts.dimensions.min(vocab.len()).min(2 * sides).max(1);
        let vectors = weighted.svd(2 * sides, dims, opts.power, opts.weight, opts.seed);
        let kept: Vec<u32> = (0..vocab.len() as u32)
            .filter(|&r| matrix.row_total(r as usize) >= 3.0)
            .collect();
        let codes = cluster_tree(&vectors, dims, &kept, opts.levels.min(8), opts.seed);
        kept.iter()
            .map(|&r| {
                let code = codes[r as usize];
                let id = vocab[r as usize] as usize;
                (self.keys[id].clone(), self.counts[id], code)
            })
            .collect()
    }
}

/// Sparse rows of neighbour weights, one per vocabulary word; column `c` is the left
/// neighbour `c`, column `sides + c` the right neighbour `c`.
struct ContextMatrix {
    starts: Vec<usize>,
    columns: Vec<u32>,
    values: Vec<f32>,
}

impl ContextMatrix {
    /// Counts each vocabulary word's neighbours in the token stream.
    fn count(stream: &[u32], row: &[u32], context: &[u32], rows: usize, sides: usize) -> Self {
        let context_of = |k: Option<&u32>| match k {
            None | Some(&BOUNDARY) => Some(0),
            Some(&id) => Some(context[id as usize]).filter(|&c| c != NONE),
        };
        let mut pairs: Vec<u64> = Vec::new();
        for (i, &id) in stream.iter().enumerate() {
            let Some(&r) = row.get(id as usize) else {
                continue;
            };
            if r == NONE {
                continue;
            }
            let r = u64::from(r) << 32;
            let left = i.checked_sub(1).and_then(|j| stream.get(j));
            if let Some(c) = context_of(left) {
                pairs.push(r | u64::from(c));
            }
            if let Some(c) = context_of(stream.get(i + 1)) {
                pairs.push(r | (sides as u64 + u64::from(c)));
            }
        }
        pairs.sort_unstable();
        let mut m = ContextMatrix {
            starts: vec![0; rows + 1],
            columns: Vec::new(),
            values: Vec::new(),
        };
        let mut k = 0;
        while k < pairs.len() {
            let key = pairs[k];
            let run = pairs[k..].iter().take_while(|&&p| p == key).count();
            m.starts[(key >> 32) as usize + 1] += 1;
            m.columns.push(key as u32);
            m.values.push(run as f32);
            k += run;
        }
        for r in 0..rows {
            m.starts[r + 1] += m.starts[r];
        }
        m
    }

    fn row(&self, r: usize) -> (&[u32], &[f32]) {
        let span = self.starts[r]..self.starts[r + 1];
        (&self.columns[span.clone()], &self.values[span])
    }

    fn row_total(&self, r: usize) -> f32 {
        self.row(r).1.iter().sum()
    }

    /// Positive pointwise mutual information of each word and neighbour, each side on its
    /// own: `max(0, ln(P(c | w) / Pα(c)))` with `Pα(c) ∝ count(c)^alpha`.
    fn ppmi(&self, sides: usize, alpha: f64) -> ContextMatrix {
        let mut column_total = vec![0f64; 2 * sides];
        for (&c, &v) in self.columns.iter().zip(&self.values) {
            column_total[c as usize] += f64::from(v);
        }
        let mut smoothed: Vec<f64> = column_total.iter().map(|&t| t.powf(alpha)).collect();
        for side in smoothed.chunks_mut(sides) {
            let sum: f64 = side.iter().sum();
            if sum > 0.0 {
                side.iter_mut().for_each(|p| *p /= sum);
            }
        }
        let mut out = ContextMatrix {
            starts: vec![0],
            columns: Vec::with_capacity(self.columns.len()),
            values: Vec::with_capacity(self.values.len()),
        };
        for r in 0..self.starts.len() - 1 {
            let (cols, vals) = self.row(r);
            let mut side_total = [0f64; 2];
            for (&c, &v) in cols.iter().zip(vals) {
                side_total[c as usize / sides] += f64::from(v);
            }
            for (&c, &v) in cols.iter().zip(vals) {
                let p = f64::from(v) / side_total[c as usize / sides];
                let pmi = (p / smoothed[c as usize]).ln();
                if pmi > 0.0 {
                    out.columns.push(c);
                    out.values.push(pmi as f32);
                }
            }
            out.starts.push(out.columns.len());
        }
        out
    }

    /// A fixed random ±1 matrix of `columns × dims`, drawn from `seed`.
    fn random_signs(columns: usize, dims: usize, seed: u64) -> Vec<f32> {
        let mut rng = SplitMix(seed ^ 0x5851_F42D_4C95_7F2D);
        let mut signs = vec![0f32; columns * dims];
        for chunk in signs.chunks_mut(64) {
            let bits = rng.next();
            for (k, s) in chunk.iter_mut().enumerate() {
                *s = if bits >> k & 1 == 1 { 1.0 } else { -1.0 };
            }
        }
        signs
    }

    /// This matrix times the dense `columns × dims` matrix `dense`: `rows × dims` values.
    fn times(&self, dense: &[f32], dims: usize) -> Vec<f32> {
        let rows = self.starts.len() - 1;
        let mut out = vec![0f32; rows * dims];
        parallel_chunks(&mut out, dims, |r, v| {
            let (cols, vals) = self.row(r);
            for (&c, &x) in cols.iter().zip(vals) {
                let d = &dense[c as usize * dims..][..dims];
                for (o, &d) in v.iter_mut().zip(d) {
                    *o += x * d;
                }
            }
        });
        out
    }

    /// This matrix transposed times the dense `rows × dims` matrix `dense`:
    /// `columns × dims` values.
    fn transpose_times(&self, dense: &[f32], dims: usize, columns: usize) -> Vec<f32> {
        let mut out = vec![0f32; columns * dims];
        for (r, y) in dense.chunks(dims).enumerate() {
            let (cols, vals) = self.row(r);
            for (&c, &x) in cols.iter().zip(vals) {
                let o = &mut out[c as usize * dims..][..dims];
                for (o, &y) in o.iter_mut().zip(y) {
                    *o += x * y;
                }
            }
        }
        out
    }

    /// The rows in the space of the top `dims` singular vectors (truncated SVD by a
    /// randomized range finder with `power` power iterations), each coordinate weighted
    /// by its singular value to the power `weight`, scaled to unit length: `rows × dims`.
    fn svd(&self, columns: usize, dims: usize, power: usize, weight: f64, seed: u64) -> Vec<f32> {
        let mut y = self.times(&Self::random_signs(columns, dims, seed), dims);
        for _ in 0..power {
            orthonormalise(&mut y, dims);
            let mut z = self.transpose_times(&y, dims, columns);
            orthonormalise(&mut z, dims);
            y = self.times(&z, dims);
        }
        orthonormalise(&mut y, dims);
        // B = Qᵀ A (dims × columns); its Gram matrix B Bᵀ = Σ over columns of bᵀ b.
        let bt = self.transpose_times(&y, dims, columns);
        let mut gram = vec![0f64; dims * dims];
        for b in bt.chunks(dims) {
            for (i, &bi) in b.iter().enumerate() {
                if bi == 0.0 {
                    continue;
                }
                let row = &mut gram[i * dims..][..dims];
                for (g, &bj) in row.iter_mut().zip(b) {
                    *g += f64::from(bi) * f64::from(bj);
                }
            }
        }
        let (values, vectors) = symmetric_eigen(gram, dims);
        // Coordinates: Qᵀ rows projected on B's left singular vectors, times σ^weight.
        let scale: Vec<f64> = values
            .iter()
            .map(|&l| l.max(0.0).sqrt().powf(weight))
            .collect();
        let mut transform = vec![0f32; dims * dims];
        for i in 0..dims {
            for k in 0..dims {
                transform[i * dims + k] = (vectors[i * dims + k] * scale[k]) as f32;
            }
        }
        let mut out = vec![0f32; y.len()];
        parallel_chunks(&mut out, dims, |r, v| {
            let q = &y[r * dims..][..dims];
            for (i, &qi) in q.iter().enumerate() {
                let t = &transform[i * dims..][..dims];
                for (o, &t) in v.iter_mut().zip(t) {
                    *o += qi * t;
                }
            }
            normalise(v);
        });
        out
    }
}

/// Makes the columns of the row-major `rows × dims` matrix `m` orthonormal (Cholesky
/// QR, twice for accuracy). A column that depends on those before it becomes zero.
fn orthonormalise(m: &mut [f32], dims: usize) {
    for _ in 0..2 {
        let mut gram = vec![0f64; dims * dims];
        for row in m.chunks(dims) {
            for (i, &a) in row.iter().enumerate() {
                let g = &mut gram[i * dims..][..=i];
                for (g, &b) in g.iter_mut().zip(row) {
                    *g += f64::from(a) * f64::from(b);
                }
            }
        }
        let largest = (0..dims).map(|i| gram[i * dims + i]).fold(0.0, f64::max);
        let tolerance = 1e-10 * largest;
        // Lower Cholesky factor L (G = L Lᵀ); a zero diagonal marks a dependent column.
        let mut l = vec![0f64; dims * dims];
        for i in 0..dims {
            for j in 0..=i {
                let mut sum = gram[i * dims + j];
                for k in 0..j {
                    sum -= l[i * dims + k] * l[j * dims + k];
                }
                l[i * dims + j] = if i == j {
                    if sum > tolerance {
                        sum.sqrt()
                    } else {
                        0.0
                    }
                } else if l[j * dims + j] > 0.0 {
                    sum / l[j * dims + j]
                } else {
                    0.0
                };
            }
        }
        // Each row r becomes L⁻¹ r (forward substitution): then Qᵀ Q = I.
        parallel_chunks(m, dims, |_, row| {
            let mut x = vec![0f64; dims];
            for i in 0..dims {
                let d = l[i * dims + i];
                if d == 0.0 {
                    continue;
                }
                let mut sum = f64::from(row[i]);
                for k in 0..i {
                    sum -= l[i * dims + k] * x[k];
                }
                x[i] = sum / d;
            }
            row.iter_mut().zip(&x).for_each(|(r, &x)| *r = x as f32);
        });
    }
}

/// Eigenvalues and eigenvectors of the symmetric `n × n` matrix `a` (row-major), by
/// cyclic Jacobi rotations: `(values, vectors)` with eigenvector `k` in column `k`.
fn symmetric_eigen(mut a: Vec<f64>, n: usize) -> (Vec<f64>, Vec<f64>) {
    let mut v = vec![0f64; n * n];
    for i in 0..n {
        v[i * n + i] = 1.0;
    }
    let total: f64 = a.iter().map(|x| x * x).sum();
    for _ in 0..30 {
        let off: f64 = (0..n)
            .flat_map(|i| (0..n).filter(move |&j| j != i).map(move |j| (i, j)))
            .map(|(i, j)| a[i * n + j] * a[i * n + j])
            .sum();
        if off <= 1e-22 * total {
            break;
        }
        for p in 0..n {
            for q in p + 1..n {
                let apq = a[p * n + q];
                if apq.abs() < 1e-300 {
                    continue;
                }
                let theta = (a[q * n + q] - a[p * n + p]) / (2.0 * apq);
                let t = theta.signum() / (theta.abs() + (theta * theta + 1.0).sqrt());
                let t = if theta == 0.0 { 1.0 } else { t };
                let c = 1.0 / (t * t + 1.0).sqrt();
                let s = t * c;
                for k in 0..n {
                    let (akp, akq) = (a[k * n + p], a[k * n + q]);
                    a[k * n + p] = c * akp - s * akq;
                    a[k * n + q] = s * akp + c * akq;
                }
                for k in 0..n {
                    let (apk, aqk) = (a[p * n + k], a[q * n + k]);
                    a[p * n + k] = c * apk - s * aqk;
                    a[q * n + k] = s * apk + c * aqk;
                }
                for k in 0..n {
                    let (vkp, vkq) = (v[k * n + p], v[k * n + q]);
                    v[k * n + p] = c * vkp - s * vkq;
                    v[k * n + q] = s * vkp + c * vkq;
                }
            }
        }
    }
    ((0..n).map(|i| a[i * n + i]).collect(), v)
}

/// Runs `f(row index, row)` over the `width`-long rows of `data` on all cores.
fn parallel_chunks<F>(data: &mut [f32], width: usize, f: F)
where
    F: Fn(usize, &mut [f32]) + Sync,
{
    let rows = data.len() / width.max(1);
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let per = rows.div_ceil(threads).max(1);
    std::thread::scope(|s| {
        for (t, block) in data.chunks_mut(per * width).enumerate() {
            let f = &f;
            s.spawn(move || {
                for (k, v) in block.chunks_mut(width).enumerate() {
                    f(t * per + k, v);
                }
            });
        }
    });
}

fn normalise(v: &mut [f32]) {
    let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    if norm > 0.0 {
        v.iter_mut().for_each(|x| *x /= norm);
    }
}

fn dot(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// A small deterministic random number generator (SplitMix64).
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..1`.
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// The tree codes of every row of `vectors` (0 for rows not in `members`): top-down
/// spherical k-means over the rows `members`, [`BRANCHING`] children a node, `levels`
/// levels, the first level in the top [`LEVEL_BITS`] bits. The nodes of a level are
/// split in parallel; each node's split depends only on its members and its path, so
/// the codes do not depend on the number of threads.
fn cluster_tree(vectors: &[f32], dims: usize, members: &[u32], levels: u32, seed: u64) -> Vec<u32> {
    let mut code = vec![0u32; vectors.len() / dims.max(1)];
    let mut nodes: Vec<(u32, Vec<u32>)> = vec![(0, members.to_vec())];
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    for level in 0..levels {
        let shift = 32 - LEVEL_BITS * (level + 1);
        let todo = AtomicUsize::new(0);
        let results = Mutex::new(vec![Vec::new(); nodes.len()]);
        std::thread::scope(|s| {
            for _ in 0..threads {
                s.spawn(|| loop {
                    let k = todo.fetch_add(1, Ordering::Relaxed);
                    let Some((path, node)) = nodes.get(k) else {
                        break;
                    };
                    let node_seed = seed ^ u64::from(*path).wrapping_mul(0x9E37_79B9_7F4A_7C15);
                    let split = split_node(vectors, dims, node, node_seed ^ u64::from(level));
                    if let Ok(mut r) = results.lock() {
                        r[k] = split;
                    }
                });
            }
        });
        let splits = results.into_inner().unwrap_or_default();
        let mut children: Vec<(u32, Vec<u32>)> = Vec::new();
        for ((path, node), assign) in nodes.iter().zip(splits) {
            let mut groups: Vec<Vec<u32>> = vec![Vec::new(); BRANCHING];
            for (&m, &c) in node.iter().zip(&assign) {
                code[m as usize] |= u32::from(c) << shift;
                groups[c as usize].push(m);
            }
            for (c, g) in groups.into_iter().enumerate() {
                if g.len() > 1 {
                    children.push((path | (c as u32) << shift, g));
                }
            }
        }
        nodes = children;
    }
    code
}

/// The index of the centre (of `centres`, `dims` values each) most similar to `x`.
fn nearest(x: &[f32], centres: &[f32], dims: usize) -> u8 {
    centres
        .chunks(dims)
        .map(|c| dot(x, c))
        .enumerate()
        .fold((0, f32::MIN), |b, (k, s)| if s > b.1 { (k, s) } else { b })
        .0 as u8
}

/// Splits one node's members into at most [`BRANCHING`] groups: spherical k-means from a
/// k-means++ start, or one member a group when there are few.
fn split_node(vectors: &[f32], dims: usize, members: &[u32], seed: u64) -> Vec<u8> {
    let n = members.len();
    if n <= BRANCHING {
        return (0..n as u8).collect();
    }
    let v = |m: u32| &vectors[m as usize * dims..][..dims];
    let mut rng = SplitMix(seed);
    // k-means++: each next centre drawn with probability ∝ squared distance to the nearest.
    let mut centres: Vec<f32> = Vec::with_capacity(BRANCHING * dims);
    centres.extend_from_slice(v(members[(rng.next() % n as u64) as usize]));
    let mut gap: Vec<f32> = members
        .iter()
        .map(|&m| distance(v(m), &centres[..dims]))
        .collect();
    for _ in 1..BRANCHING {
        let total: f64 = gap.iter().map(|&d| f64::from(d * d)).sum();
        let mut target = rng.unit() * total;
        let mut pick = n - 1;
        for (i, &d) in gap.iter().enumerate() {
            target -= f64::from(d * d);
            if target <= 0.0 {
                pick = i;
                break;
            }
        }
        let start = centres.len();
        centres.extend_from_slice(v(members[pick]));
        for (i, &m) in members.iter().enumerate() {
            gap[i] = gap[i].min(distance(v(m), &centres[start..]));
        }
    }
    let mut assign = vec![u8::MAX; n];
    for _ in 0..25 {
        let mut changed = 0;
        for (i, &m) in members.iter().enumerate() {
            let best = nearest(v(m), &centres, dims);
            if assign[i] != best {
                assign[i] = best;
                changed += 1;
            }
        }
        if changed == 0 {
            break;
        }
        let mut sums = vec![0f32; BRANCHING * dims];
        for (&m, &a) in members.iter().zip(&assign) {
            let s = &mut sums[a as usize * dims..][..dims];
            s.iter_mut().zip(v(m)).for_each(|(s, x)| *s += x);
        }
        for (c, s) in centres.chunks_mut(dims).zip(sums.chunks_mut(dims)) {
            // An empty cluster keeps its centre.
            if s.iter().any(|&x| x != 0.0) {
                normalise(s);
                c.copy_from_slice(s);
            }
        }
    }
    assign
}

/// Cosine distance of two unit vectors.
fn distance(a: &[f32], b: &[f32]) -> f32 {
    (1.0 - dot(a, b)).max(0.0)
}

/// A word's entry in the clusters file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WordCluster {
    /// 32-bit context signature.
    pub signature: u32,
    /// How often the word was seen in the unlabelled corpus.
    pub count: u64,
}

/// The bundled signatures, by word (clitic-free normalised base).
pub fn bundled() -> &'static HashMap<String, WordCluster> {
    static MAP: std::sync::LazyLock<HashMap<String, WordCluster>> =
        std::sync::LazyLock::new(|| parse(BUNDLED));
    &MAP
}

/// Parses a clusters file: `#` comments, then `word<TAB>count<TAB>hex signature` lines.
pub fn parse(text: &str) -> HashMap<String, WordCluster> {
    entries(text).map(|(w, c)| (w.to_string(), c)).collect()
}

/// The entries of a clusters file, borrowed from its text.
pub fn entries(text: &str) -> impl Iterator<Item = (&str, WordCluster)> + '_ {
    marsad_text::tsv::lines(text)
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .filter_map(|l| {
            let mut f = marsad_text::tsv::fields(l);
            let w = f.next()?;
            let count = f.next()?.parse().ok()?;
            let signature = u32::from_str_radix(f.next()?, 16).ok()?;
            Some((w, WordCluster { signature, count }))
        })
}

/// The text of the bundled clusters file.
pub const BUNDLED: &str = include_str!("../../data/ner/clusters.tsv");

#[cfg(test)]
mod tests {
    use super::*;

    /// Sentences where each group of words fills one slot between the same neighbours.
    fn builder() -> ClusterBuilder {
        let mut b = ClusterBuilder::default();
        let cities = ["دمشق", "بيروت", "عمان", "بغداد", "القاهرة", "تونس"];
        let verbs = ["أكد", "أوضح", "أضاف", "ذكر", "أعلن", "نفى"];
        let names = ["سامر", "خالد", "فهد", "ماجد", "وليد", "حسان"];
        for _ in 0..10 {
            for w in cities {
                b.add_text(&format!("في {w} اليوم."));
            }
            for w in verbs {
                b.add_text(&format!("{w} المتحدث."));
            }
            for w in names {
                b.add_text(&format!("الرئيس {w} قال."));
            }
        }
        b
    }

    fn options() -> ClusterOptions {
        ClusterOptions {
            min_count: 1,
            ..ClusterOptions::default()
        }
    }

    #[test]
    fn words_in_the_same_slots_share_the_coarse_cluster() {
        let codes = builder().build(options());
        assert!(codes.len() > BRANCHING, "more words than one split holds");
        let get = |w: &str| codes.iter().find(|s| s.0 == w).map(|s| s.2);
        let top = |w: &str| get(w).map(|c| c >> (32 - LEVEL_BITS));
        for group in [["دمشق", "بغداد"], ["اكد", "نفي"], ["سامر", "وليد"]] {
            assert!(top(group[0]).is_some(), "{} has a code", group[0]);
            assert_eq!(top(group[0]), top(group[1]), "{group:?}");
            // The finest level still tells the words apart.
            assert_ne!(get(group[0]), get(group[1]), "{group:?}");
        }
        assert_ne!(top("دمشق"), top("اكد"), "places and verbs differ");
        assert_ne!(top("دمشق"), top("سامر"), "places and names differ");
        assert_ne!(top("اكد"), top("سامر"), "verbs and names differ");
        // Four levels of four bits: the low 16 bits are unused.
        assert!(codes.iter().all(|c| c.2 & 0xFFFF == 0));
        let text: String = codes
            .iter()
            .map(|(w, c, s)| format!("{w}\t{c}\t{s:08x}\n"))
            .collect();
        assert_eq!(parse(&text).get("دمشق").map(|c| c.signature), get("دمشق"));
    }

    #[test]
    fn the_codes_are_reproducible() {
        let b = builder();
        assert_eq!(b.build(options()), b.build(options()));
        assert!(ClusterBuilder::default().build(options()).is_empty());
    }

    #[test]
    fn eigenvectors_rebuild_the_matrix() {
        let a = vec![4.0, 1.0, 0.5, 1.0, 3.0, -1.0, 0.5, -1.0, 2.0];
        let (values, v) = symmetric_eigen(a.clone(), 3);
        for i in 0..3 {
            for j in 0..3 {
                let x: f64 = (0..3)
                    .map(|k| v[i * 3 + k] * values[k] * v[j * 3 + k])
                    .sum();
                assert!((x - a[i * 3 + j]).abs() < 1e-9, "{i} {j}: {x}");
            }
        }
    }

    #[test]
    fn orthonormal_columns_drop_dependent_ones() {
        // Columns: x, 2x (dependent), y.
        let mut m: Vec<f32> = (0..50)
            .flat_map(|r| {
                let (x, y) = ((r as f32).sin(), (r as f32 * 0.37).cos());
                [x, 2.0 * x, y]
            })
            .collect();
        orthonormalise(&mut m, 3);
        let col = |c: usize| m.iter().skip(c).step_by(3).copied().collect::<Vec<f32>>();
        assert!((dot(&col(0), &col(0)) - 1.0).abs() < 1e-4);
        assert!(dot(&col(1), &col(1)) < 1e-6, "the dependent column is zero");
        assert!((dot(&col(2), &col(2)) - 1.0).abs() < 1e-4);
        assert!(dot(&col(0), &col(2)).abs() < 1e-4);
    }
}
