//! Union-find (disjoint sets) with path halving and union by index: the smaller index always becomes the
//! root, so the root of a cluster is its first member whatever order the unions come in.
//!
//! A leaf module (it imports nothing from the crate), so that every stage may cluster with it.

/// Disjoint sets over `0..n`.
#[derive(Debug, Clone)]
pub struct UnionFind {
    parent: Vec<u32>,
}

impl UnionFind {
    /// `n` singleton sets.
    #[must_use]
    pub fn new(n: usize) -> Self {
        Self { parent: (0..n as u32).collect() }
    }

    /// The root of `x`'s set: its smallest member.
    pub fn find(&mut self, mut x: u32) -> u32 {
        while self.parent[x as usize] != x {
            let grand = self.parent[self.parent[x as usize] as usize];
            self.parent[x as usize] = grand;
            x = grand;
        }
        x
    }

    /// Joins the sets of `a` and `b`; returns false when they were already one set.
    pub fn union(&mut self, a: u32, b: u32) -> bool {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb {
            return false;
        }
        let (low, high) = if ra < rb { (ra, rb) } else { (rb, ra) };
        self.parent[high as usize] = low;
        true
    }

    /// The sets with at least two members, each sorted, ordered by their smallest member.
    #[must_use]
    pub fn groups(&mut self) -> Vec<Vec<u32>> {
        let n = self.parent.len();
        let mut slot: Vec<u32> = vec![u32::MAX; n];
        let mut groups: Vec<Vec<u32>> = Vec::new();
        let mut size = vec![0u32; n];
        for x in 0..n as u32 {
            let r = self.find(x);
            size[r as usize] += 1;
        }
        for x in 0..n as u32 {
            let r = self.find(x) as usize;
            if size[r] < 2 {
                continue;
            }
            if slot[r] == u32::MAX {
                slot[r] = groups.len() as u32;
                groups.push(Vec::with_capacity(size[r] as usize));
            }
            groups[slot[r] as usize].push(x);
        }
        groups
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn components_and_roots() {
        let mut uf = UnionFind::new(8);
        assert!(uf.union(5, 3));
        assert!(uf.union(3, 7));
        assert!(!uf.union(7, 5), "already joined");
        assert!(uf.union(6, 1));
        assert_eq!(uf.find(7), 3, "the smallest member is the root");
        assert_eq!(uf.find(6), 1);
        assert_eq!(uf.groups(), vec![vec![1, 6], vec![3, 5, 7]]);
    }

    #[test]
    fn order_of_unions_does_not_matter() {
        let edges = [(0, 9), (9, 4), (2, 3), (4, 8), (3, 6)];
        let mut a = UnionFind::new(10);
        let mut b = UnionFind::new(10);
        for &(x, y) in &edges {
            a.union(x, y);
        }
        for &(x, y) in edges.iter().rev() {
            b.union(y, x);
        }
        assert_eq!(a.groups(), b.groups());
        assert_eq!(a.groups(), vec![vec![0, 4, 8, 9], vec![2, 3, 6]]);
    }
}
