import RingfindGraph

/// Which vendor a resource belongs to: the rows of `resources` files (`resource,vendor`).
///
/// Access logs often name what was touched (`review/8812`, `listing/B07XJ8C8F5`) rather than
/// whose it is. A row `review/8812,V011` says that resource is vendor V011's; a row whose
/// resource ends in `*` is a **prefix rule**: `listing/B07*,V011` maps every resource that
/// starts with `listing/B07`. An exact row wins over prefix rules, and the longest matching
/// prefix wins among them. An access row that names a vendor keeps it; one that names only a
/// mapped resource joins that vendor's access edge (and can close a ring's loop); one whose
/// resource maps to nothing is kept as an event without a vendor and counted as unmapped.
/// A resource given two different vendors is an error naming both rows.
///
/// - Complexity: a lookup is expected O(L · P) for a resource of L bytes and P distinct
///   prefix-rule lengths (one hash probe per length), and runs once per distinct resource —
///   the ingestor caches the answer by resource id. Memory: the rules' bytes plus about 30
///   bytes per rule.
public struct ResourceMap: Sendable {
    private var exact = ByteStringInterner(expectedCount: 64)
    private var exactVendor: [Int32] = []
    private var exactOrigin: [String] = []
    private var prefixes = ByteStringInterner(expectedCount: 16)
    private var prefixVendor: [Int32] = []
    private var prefixOrigin: [String] = []
    /// Distinct lengths of prefix rules, longest first.
    private var prefixLengths: [Int] = []
    /// Vendor ids named by rules (resolved to entities when an access row first uses them).
    public private(set) var vendors = ByteStringInterner(expectedCount: 64)

    public init() {}

    /// Exact rules.
    public var exactRules: Int { exact.count }
    /// Prefix rules.
    public var prefixRules: Int { prefixes.count }
    public var isEmpty: Bool { exact.count == 0 && prefixes.count == 0 }

    /// Adds a rule. Returns the earlier row and its vendor when `resource` was already mapped
    /// to a different vendor, else `nil`.
    mutating func add(resource: UnsafeRawBufferPointer, vendor: UnsafeRawBufferPointer, origin: String) -> (
        origin: String, vendor: String
    )? {
        let v = vendors.intern(vendor).id
        let isPrefix = resource.count > 0 && resource[resource.count - 1] == UInt8(ascii: "*")
        if isPrefix {
            let key = UnsafeRawBufferPointer(rebasing: resource[0..<(resource.count - 1)])
            let (id, inserted) = prefixes.intern(key)
            if !inserted {
                return prefixVendor[Int(id)] == v ? nil : (prefixOrigin[Int(id)], vendors.string(prefixVendor[Int(id)]))
            }
            prefixVendor.append(v)
            prefixOrigin.append(origin)
            if !prefixLengths.contains(key.count) {
                prefixLengths.append(key.count)
                prefixLengths.sort(by: >)
            }
        } else {
            let (id, inserted) = exact.intern(resource)
            if !inserted {
                return exactVendor[Int(id)] == v ? nil : (exactOrigin[Int(id)], vendors.string(exactVendor[Int(id)]))
            }
            exactVendor.append(v)
            exactOrigin.append(origin)
        }
        return nil
    }

    /// The vendor (an index into `vendors`) that `resource` belongs to, or `nil`.
    public func vendor(of resource: UnsafeRawBufferPointer) -> Int32? {
        if let id = exact.lookup(resource) { return exactVendor[Int(id)] }
        for length in prefixLengths where length <= resource.count {
            if let id = prefixes.lookup(UnsafeRawBufferPointer(rebasing: resource[0..<length])) {
                return prefixVendor[Int(id)]
            }
        }
        return nil
    }
}
