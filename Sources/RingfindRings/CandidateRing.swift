import RingfindGraph

/// What one employee in contact with a candidate broker did, with each test's result.
struct PairEvidence {
    struct Job {
        var row: Int
        var time: Int64
        var target: Int32
        var unticketed: Bool
        var unusual: Bool
        var timed: Bool
    }

    var contact: RingDetector.Contact
    var clientAccesses = 0
    var rivalAccesses = 0
    var focus = RingSignal(kind: .focus, observed: 0, expected: 0)
    var concealment: RingSignal?
    var unusualAction: RingSignal?
    var timing: RingSignal?
    /// Clients whose own data the employee touched.
    var touchedClients = Set<Int32>()
    /// Client, rival and bulk accesses that were unticketed, unusual or timed.
    var suspiciousJobs: [Job] = []

    var selected: Int { clientAccesses + rivalAccesses }
    /// The conduct tests this pair had data for: concealment and unusual actions. Timing is
    /// reported but, like focus, is not proof of wrongdoing: legitimate workflows are timed too
    /// (a client pays its agency, the agency escalates to support, support opens the account).
    var tests: [RingSignal] { [concealment, unusualAction].compactMap { $0 } }
    /// Every measured kind, for explanations.
    var measured: [RingSignal] { [concealment, unusualAction, timing].compactMap { $0 } }
    /// Fisher's combination of the pair's conduct tests.
    var surprise: Double { TailProbability.fisher(tests.map(\.surprise)) }
}

extension RingSignal {
    init(kind: Kind, observed: Double, expected: Double, surprise: Double? = nil) {
        self.init(kind: kind, observed: observed, expected: expected,
                  surprise: surprise ?? TailProbability.poisson(observed: observed, expected: expected), available: true)
    }
}

/// A candidate broker with its clients and every contact's evidence, before significance.
struct CandidateRing {
    var broker: Int32
    var clients: [RingDetector.ClientMoney]
    var pairs: [PairEvidence]
    /// Contacts with client, rival or bulk accesses (the pairs whose tests count).
    var testedContacts: Int

    /// Fisher's combination of every test of every contact.
    var surprise: Double { TailProbability.fisher(pairs.flatMap { $0.tests.map(\.surprise) }) }
}

/// Per-candidate slots for entities, without clearing between candidates: an entity's slot is
/// valid only while its stamp equals the current candidate's id.
struct StampedSlots {
    private var stamps: [Int32]
    private var slots: [Int32]

    init(_ entityCount: Int) {
        stamps = [Int32](repeating: -1, count: entityCount)
        slots = [Int32](repeating: 0, count: entityCount)
    }

    func owner(_ entity: Int) -> Int32 { stamps[entity] }
    func slot(_ entity: Int) -> Int { Int(slots[entity]) }

    /// The entity's index in `items` for `owner`, appending `make()` the first time.
    mutating func slot<Item>(of entity: Int32, owner: Int32, count items: inout [Item], make: () -> Item) -> Int {
        if stamps[Int(entity)] == owner { return Int(slots[Int(entity)]) }
        stamps[Int(entity)] = owner
        slots[Int(entity)] = Int32(items.count)
        items.append(make())
        return items.count - 1
    }
}
