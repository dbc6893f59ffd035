import RingfindGraph

/// A broker's accounts: drafts of rings, and whether two of them are one broker's.
extension RingAssembly {
    /// A ring before merging and explanation.
    struct Draft {
        var brokers: [Int32]
        var candidates: [Int]
        var strength: Double
        var insiders: [Int32: RingTier] = [:]
        var clients: [Int32: RingTier] = [:]
        var intermediaries: [Int32: RingTier] = [:]
        /// Insiders the broker pays or messages itself (not through a mule).
        var direct = 0
        /// Accounts that relayed this broker's payments to insiders.
        var mules = Set<Int32>()
        /// Accounts that passed clients' money on to this broker.
        var fronts = Set<Int32>()
        /// Vendors that paid once (through the front, or -1) and exchanged messages with the
        /// broker both ways: associate clients, added once accounts are merged.
        var acquaintances: [Int32: Int32] = [:]
        /// Vendors off the books — they exchanged messages with the broker both ways and paid
        /// nothing that was seen — on whose accounts a core insider worked without a ticket,
        /// with those access rows: core clients, added once accounts are merged.
        var offBooks: [Int32: [Int]] = [:]
        /// Accounts of the broker that were never candidates, with the insider they dealt with
        /// before or after the ring's accounts and the ring's vendors that paid them
        /// (`attachSilentAccounts`).
        var silentAccounts: [Int32: (handover: Handover, sharedPayers: Set<Int32>)] = [:]
        var core: Set<Int32> { Set(insiders.keys).union(clients.keys) }
        /// When each account dealt with its core insiders, for telling a switch of accounts
        /// (`handover(between:and:window:)`).
        var dealings: [Dealing] = []
        /// Accounts of this ring used one after the other, with the insider that shows it.
        var handovers: [Handover] = []
        /// Every vendor that paid one of the ring's accounts (directly or through a front).
        var payers = Set<Int32>()

        /// Takes `other`'s vendors tied to the broker by messages (`acquaintances`, `offBooks`),
        /// which join once accounts are merged.
        mutating func takeMessageTies(of other: Draft) {
            acquaintances.merge(other.acquaintances) { a, _ in a }
            offBooks.merge(other.offBooks) { a, b in Array(Set(a + b)).sorted() }
        }
    }

    /// Two accounts that dealt with the same insider one after the other.
    struct Handover {
        var earlier: Dealing
        var later: Dealing
    }

    /// Whether two drafts are one broker's accounts used one after the other: a vendor paid both,
    /// and an insider core to both dealt with one account and then with the other, the two
    /// periods overlapping by at most the window (a handover). A broker that switches accounts
    /// half-way keeps its clients and its insiders and deals with them from the new account; two
    /// brokers that share an insider deal with it side by side, and an agency with its contractor
    /// all along. Each period needs at least two dealings (one message is no period).
    ///
    /// - Complexity: O(|a.dealings| · |b.dealings| + min(|a.payers|, |b.payers|)).
    static func handover(between a: Draft, and b: Draft, window: Int64) -> Handover? {
        guard !a.payers.isDisjoint(with: b.payers) else { return nil }
        for x in a.dealings {
            for y in b.dealings where x.insider == y.insider && x.account != y.account {
                if let order = Dealing.inSuccession(x, y, window: window) {
                    return Handover(earlier: order.earlier, later: order.later)
                }
            }
        }
        return nil
    }

    /// Whether two drafts are one broker's accounts by the company they keep: the same front
    /// passes vendor money to both and both deal with the same insider. A front passes most of
    /// its vendor income to its broker's accounts (`PassThrough.passesOnMost`); a switch of
    /// accounts half-way splits the front's money and the clients between them, so their cores
    /// need not overlap. A shared mule is not enough: a payroll firm relays many payers' money.
    static func sharesAccounts(_ a: Draft, _ b: Draft) -> Bool {
        !a.fronts.isDisjoint(with: b.fronts) && !Set(a.insiders.keys).isDisjoint(with: b.insiders.keys)
    }
}
