//! The one-to-one constraint: between two documents each uppdrag links to at most one other, chosen so
//! that the pairs together score highest (the Hungarian method). Greedy choice would let one strong
//! but wrong pair take the partner of another uppdrag that had no other match.

/// Picks at most one column per row and one row per column, maximizing the sum of the chosen scores.
/// Scores below `threshold` are never chosen. Returns (row, column) pairs sorted by row.
pub fn assign(scores: &[Vec<f64>], threshold: f64) -> Vec<(usize, usize)> {
    let rows = scores.len();
    let cols = scores.iter().map(Vec::len).max().unwrap_or(0);
    if rows == 0 || cols == 0 {
        return Vec::new();
    }
    // A square cost matrix: below-threshold and padding cells cost 0 (the "leave unmatched" choice),
    // others cost minus their score.
    let n = rows.max(cols);
    let cost = |i: usize, j: usize| -> f64 {
        match scores.get(i).and_then(|r| r.get(j)) {
            Some(&s) if s >= threshold => -s,
            _ => 0.0,
        }
    };
    let matched = hungarian(n, cost);
    let mut out: Vec<(usize, usize)> = matched
        .into_iter()
        .enumerate()
        .filter(|&(i, j)| i < rows && j < cols && cost(i, j) < 0.0)
        .collect();
    out.sort_unstable();
    out
}

/// Minimum-cost perfect matching on an n×n matrix (Kuhn–Munkres with potentials, O(n³)).
/// Returns for each row the column it is matched to.
fn hungarian(n: usize, cost: impl Fn(usize, usize) -> f64) -> Vec<usize> {
    // 1-based arrays as in the textbook formulation; index 0 is the virtual start column.
    let mut u = vec![0.0; n + 1];
    let mut v = vec![0.0; n + 1];
    let mut p = vec![0usize; n + 1];
    let mut way = vec![0usize; n + 1];
    for i in 1..=n {
        p[0] = i;
        let mut j0 = 0usize;
        let mut minv = vec![f64::INFINITY; n + 1];
        let mut used = vec![false; n + 1];
        loop {
            used[j0] = true;
            let i0 = p[j0];
            let mut delta = f64::INFINITY;
            let mut j1 = 0usize;
            for j in 1..=n {
                if used[j] {
                    continue;
                }
                let cur = cost(i0 - 1, j - 1) - u[i0] - v[j];
                if cur < minv[j] {
                    minv[j] = cur;
                    way[j] = j0;
                }
                if minv[j] < delta {
                    delta = minv[j];
                    j1 = j;
                }
            }
            for j in 0..=n {
                if used[j] {
                    u[p[j]] += delta;
                    v[j] -= delta;
                } else {
                    minv[j] -= delta;
                }
            }
            j0 = j1;
            if p[j0] == 0 {
                break;
            }
        }
        loop {
            let j1 = way[j0];
            p[j0] = p[j1];
            j0 = j1;
            if j0 == 0 {
                break;
            }
        }
    }
    let mut row_to_col = vec![0usize; n];
    for j in 1..=n {
        if p[j] > 0 {
            row_to_col[p[j] - 1] = j - 1;
        }
    }
    row_to_col
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_best_total_beats_the_best_single_pair() {
        // Greedy would take (0,0)=0.9 and leave row 1 with nothing above threshold;
        // the best total is (0,1)+(1,0) = 0.8 + 0.85.
        let scores = vec![vec![0.9, 0.8], vec![0.85, 0.1]];
        assert_eq!(assign(&scores, 0.5), vec![(0, 1), (1, 0)]);
    }

    #[test]
    fn below_threshold_stays_unmatched_and_shapes_may_differ() {
        let scores = vec![vec![0.2, 0.1, 0.7], vec![0.3, 0.2, 0.1]];
        assert_eq!(assign(&scores, 0.5), vec![(0, 2)]);
        assert!(assign(&[], 0.5).is_empty());
        assert!(assign(&[vec![]], 0.5).is_empty());
    }
}
