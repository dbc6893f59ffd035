/// Jaccard similarity of two sets, |a ∩ b| / |a ∪ b|, and 0 when both are empty: how rings
/// are matched, both when accounts of one broker are merged and when found rings are scored
/// against the truth.
///
/// - Complexity: O(|a| + |b|) expected.
func jaccard<Element: Hashable>(_ a: Set<Element>, _ b: Set<Element>) -> Double {
    let union = a.union(b).count
    return union == 0 ? 0 : Double(a.intersection(b).count) / Double(union)
}
