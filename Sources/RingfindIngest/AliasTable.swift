import RingfindGraph

/// Identity resolution: the rows of `aliases` files (`alias,id`), resolved to one canonical
/// id per alias before any entity or event is read.
///
/// The same employee is `jdoe@corp.example` in mail, `E10442` in the access log and an IBAN
/// holder's name in payments; each `alias,id` row says that `alias` is another name of `id`.
/// An id may have any number of aliases, and an alias may point at another alias: chains
/// (`a → b → c`) resolve to their end, the canonical id (`c`), which is the one every report
/// shows. A cycle (`a → b → a`) or an alias given two different targets is an error naming
/// the rows.
///
/// Every id mentioned is interned once (`names`); `target[n]` is the name an alias points to
/// (-1 for a name that is not an alias), `canonical[n]` its resolved end.
///
/// - Complexity: adding a row is expected O(length of the ids); `resolve()` is O(n) for n
///   names (each name is walked once: a chain's names are resolved together, then remembered).
///   Memory is the ids' bytes plus about 40 bytes per name.
public struct AliasTable: Sendable {
    /// Every id named in an alias row, alias or target.
    public private(set) var names = ByteStringInterner(expectedCount: 64)
    /// For each name, the name it is an alias of, or -1.
    private var target: [Int32] = []
    /// For each name that is an alias, the file index and line of the row declaring it.
    private var declaredFile: [UInt16] = []
    private var declaredLine: [UInt32] = []
    /// For each name, its canonical name once resolved (itself when it is not an alias).
    private var canonical: [Int32] = []
    /// The files rows came from, by index.
    private var files: [String] = []
    /// Alias rows accepted (a repeated identical row counts once more).
    public private(set) var rows = 0
    /// Aliases resolved through two or more steps (`a → b → c`).
    public private(set) var chained = 0
    public private(set) var isResolved = false

    public init() {}

    /// Whether no alias was declared (every lookup is then skipped).
    public var isEmpty: Bool { aliasCount == 0 }
    /// Distinct aliases declared.
    public private(set) var aliasCount = 0

    /// Records that `alias` is another name of `id`. Returns the earlier row (file, line,
    /// target) when `alias` was already given a different target, else `nil`.
    mutating func add(alias: UnsafeRawBufferPointer, id: UnsafeRawBufferPointer, file: String, line: Int)
        -> (file: String, line: Int, target: String)?
    {
        if files.last != file { files.append(file) }
        let fileIndex = UInt16(clamping: files.count - 1)
        let a = intern(alias), t = intern(id)
        rows += 1
        if a == t { return nil }  // `x,x`: says nothing
        let existing = target[Int(a)]
        if existing >= 0 {
            if existing == t { return nil }
            return (files[Int(declaredFile[Int(a)])], Int(declaredLine[Int(a)]), names.string(existing))
        }
        target[Int(a)] = t
        declaredFile[Int(a)] = fileIndex
        declaredLine[Int(a)] = UInt32(clamping: line)
        aliasCount += 1
        return nil
    }

    private mutating func intern(_ bytes: UnsafeRawBufferPointer) -> Int32 {
        let (id, inserted) = names.intern(bytes)
        if inserted {
            target.append(-1)
            declaredFile.append(0)
            declaredLine.append(0)
        }
        return id
    }

    /// A row of an alias cycle, for the error message.
    public struct CycleRow: Sendable, Equatable {
        public var file: String
        public var line: Int
        public var alias: String
        public var id: String
    }

    /// Resolves every chain to its end. Returns the rows of the first cycle found (in the
    /// order the aliases are walked), or `nil` when there is none.
    /// - Complexity: O(n): every name is pushed on the walk at most once.
    mutating func resolve() -> [CycleRow]? {
        let n = target.count
        canonical = [Int32](repeating: -1, count: n)
        // 0 unvisited, 1 on the current walk, 2 resolved.
        var state = [UInt8](repeating: 0, count: n)
        var walk: [Int32] = []
        for start in 0..<n where state[start] == 0 {
            walk.removeAll(keepingCapacity: true)
            var node = Int32(start)
            var end: Int32
            while true {
                let i = Int(node)
                if state[i] == 2 {
                    end = canonical[i]
                    break
                }
                if state[i] == 1 {
                    // A cycle: the walk from `node`'s first appearance back to it.
                    let from = walk.firstIndex(of: node) ?? 0
                    return walk[from...].map { a in
                        CycleRow(
                            file: files[Int(declaredFile[Int(a)])], line: Int(declaredLine[Int(a)]),
                            alias: names.string(a), id: names.string(target[Int(a)]))
                    }
                }
                state[i] = 1
                walk.append(node)
                if target[i] < 0 {
                    end = node
                    break
                }
                node = target[i]
            }
            for w in walk {
                canonical[Int(w)] = end
                state[Int(w)] = 2
            }
        }
        // Aliases that reach their end through another alias.
        chained = (0..<n).filter { target[$0] >= 0 && target[Int(target[$0])] >= 0 }.count
        isResolved = true
        return nil
    }

    /// The canonical name of an id when it is a declared alias, else `nil`.
    /// - Complexity: expected O(length of the id).
    @inline(__always)
    func canonical(of id: UnsafeRawBufferPointer) -> (alias: Int32, canonical: Int32)? {
        guard aliasCount > 0, let name = names.lookup(id), target[Int(name)] >= 0 else { return nil }
        return (name, canonical[Int(name)])
    }

    /// Whether name `n` is the end of some alias chain (an id other names resolve to).
    func isTarget(_ id: UnsafeRawBufferPointer) -> Bool {
        guard aliasCount > 0, let name = names.lookup(id) else { return false }
        return target[Int(name)] < 0
    }

    /// `file:line` of the row declaring alias name `n`.
    func origin(of name: Int32) -> String {
        "\(files[Int(declaredFile[Int(name)])]):\(declaredLine[Int(name)])"
    }

    /// Every alias and its canonical name, in declaration order of the names.
    func allAliases() -> [(alias: Int32, canonical: Int32)] {
        (0..<target.count).compactMap { target[$0] >= 0 ? (Int32($0), canonical[$0]) : nil }
    }
}
