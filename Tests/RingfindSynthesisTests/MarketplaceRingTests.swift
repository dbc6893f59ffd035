import Foundation
import Testing

@testable import RingfindSynthesis

/// Each style's defining property and each ring behaviour, on small marketplaces.
@Suite struct MarketplaceRingTests {
    /// Accounts that pay on the ring's side (broker accounts, mule) and that receive client money
    /// (broker accounts, front).
    static func payers(_ ring: PlantedRing) -> Set<String> { Set(ring.brokers + [ring.mule].compactMap { $0 }) }
    static func receivers(_ ring: PlantedRing) -> Set<String> { Set(ring.brokers + [ring.front].compactMap { $0 }) }

    @Test func timedRingsPayTheInsiderAfterAClientPaysAndBeforeTheJob() {
        let sample = Samples.timed
        let payments = sample.paymentFlows, access = sample.accessRows
        #expect(sample.written.rings.count == 6)
        for ring in sample.written.rings {
            #expect(ring.style == "timed")
            let insiders = Set(ring.insiders.map(\.id)), clients = Set(ring.clients)
            let receivers = Self.receivers(ring), payers = Self.payers(ring)
            let clientPaid = payments.filter { clients.contains($0.from) && receivers.contains($0.to) }.map(\.day)
            let bribes = payments.filter { payers.contains($0.from) && insiders.contains($0.to) }
            for bribe in bribes {
                #expect(
                    clientPaid.contains { $0 <= bribe.day && bribe.day - $0 <= 5 },
                    "ring \(ring.ring): a bribe with no client payment before it")
                #expect(access.contains { $0.employee == bribe.to && $0.day > bribe.day && $0.day - bribe.day <= 6 })
            }
            for insider in ring.insiders where insider.jobs > 0 {
                #expect(
                    bribes.contains { $0.to == insider.id }, "ring \(ring.ring): insider \(insider.id) worked unpaid")
            }
        }
    }

    @Test func retainerRingsPayEachInsiderTheSameSumAboutMonthly() {
        let sample = Samples.retainer
        let payments = sample.paymentFlows
        for ring in sample.written.rings {
            #expect(ring.style == "retainer")
            for insider in ring.insiders {
                let received = payments.filter { Self.payers(ring).contains($0.from) && $0.to == insider.id }.sorted {
                    $0.day < $1.day
                }
                #expect(received.count >= 2, "ring \(ring.ring) insider \(insider.id)")
                #expect(Set(received.map(\.amount)).count == 1, "ring \(ring.ring): retainer amounts vary")
                for (a, b) in zip(received, received.dropFirst()) { #expect((26.0...35.0).contains(b.day - a.day)) }
            }
        }
    }

    @Test func offbookRingsNeverPayInsidersButKeepInTouchBothWays() {
        let sample = Samples.offbook
        let payments = sample.paymentFlows, messages = sample.messageFlows
        for ring in sample.written.rings {
            #expect(ring.style == "offbook" && ring.mule == nil)
            let side = Set(ring.brokers + [ring.front].compactMap { $0 })
            for insider in ring.insiders {
                #expect(!payments.contains { side.contains($0.from) && $0.to == insider.id })
                let out = messages.filter { side.contains($0.from) && $0.to == insider.id }
                let back = messages.filter { $0.from == insider.id && side.contains($0.to) }
                #expect(
                    out.count >= 5 && back.count >= 3, "ring \(ring.ring): contact with \(insider.id) not sustained")
                #expect((out.map(\.day).max() ?? 0) - (out.map(\.day).min() ?? 0) >= 60)
            }
        }
    }

    @Test func mixedRingsDrawEveryStyle() {
        #expect(Set(Samples.mixed.written.rings.map(\.style)) == ["timed", "retainer", "offbook"])
    }

    @Test func truthListsEveryAccountIntermediaryInsiderAndClientButNoVictim() {
        let sample = Samples.mixed
        let (e, r, role) = (
            sample.truth.column("entity_id"), sample.truth.column("ring_id"), sample.truth.column("role")
        )
        for ring in sample.written.rings {
            let rows = sample.truth.rows.filter { $0[r] == String(ring.ring) }
            func members(_ name: String) -> Set<String> { Set(rows.filter { $0[role] == name }.map { $0[e] }) }
            #expect(members("broker") == Set(ring.brokers))
            #expect(members("intermediary") == Set([ring.mule, ring.front].compactMap { $0 }))
            #expect(members("insider") == Set(ring.insiders.map(\.id)))
            #expect(members("client") == Set(ring.clients))
            #expect(Set(ring.victims).isDisjoint(with: rows.map { $0[e] }))
        }
    }

    @Test func rivalJobsTouchAnotherVendorOfAClientsMarket() {
        let sample = Samples.mixed
        let group = sample.groupOf, access = sample.accessRows
        let rival = sample.written.rings.filter { ($0.jobs["rival"] ?? 0) > 0 }
        #expect(rival.count >= 6)
        var inMarket = 0, total = 0
        for ring in rival {
            let markets = Set(ring.clients.map { group[$0]! }), insiders = Set(ring.insiders.map(\.id))
            #expect(markets.allSatisfy { $0.contains("-") })
            for victim in ring.victims {
                total += 1
                if markets.contains(group[victim]!) { inMarket += 1 }
                #expect(access.contains { insiders.contains($0.employee) && $0.vendor == victim })
            }
        }
        #expect(Double(inMarket) >= 0.9 * Double(total))
    }

    @Test func bulkJobsExportOrSweep() {
        let sample = Samples.mixed
        #expect(sample.written.rings.reduce(0) { $0 + ($1.jobs["bulk"] ?? 0) } >= 6)
        let insiders = Set(sample.written.rings.flatMap { $0.insiders.map(\.id) })
        #expect(
            sample.accessRows.contains {
                insiders.contains($0.employee) && $0.vendor.isEmpty && $0.action.hasPrefix("export_")
            })
    }

    @Test func secondAccountsTakeOverAndStillReceiveAFewPayments() {
        let sample = Samples.mixed
        let payments = sample.paymentFlows
        let switched = sample.written.rings.filter { $0.brokers.count == 2 }
        #expect(!switched.isEmpty)
        for ring in switched {
            let clients = Set(ring.clients + [ring.front].compactMap { $0 })
            let first = payments.filter { clients.contains($0.from) && $0.to == ring.brokers[0] }.map(\.day)
            let second = payments.filter { clients.contains($0.from) && $0.to == ring.brokers[1] }.map(\.day)
            #expect(!first.isEmpty && !second.isEmpty)
            #expect(first.min()! < second.min()!)
        }
    }

    @Test func idleInsidersDoOneOrTwoJobsAndStayInTouch() {
        let sample = Samples.mixed
        let messages = sample.messageFlows
        let idle = sample.written.rings.flatMap { ring in ring.insiders.filter { $0.kind == "idle" }.map { (ring, $0) }
        }
        #expect(idle.count >= 3)
        #expect(idle.contains { $0.1.jobs >= 1 })
        for (ring, insider) in idle {
            #expect(insider.jobs <= 2)
            #expect(messages.filter { $0.from == insider.id && ring.brokers.contains($0.to) }.count >= 3)
        }
    }

    @Test func busyInsidersRingWorkIsUnderOnePercentOfTheirWork() {
        let sample = Samples.mixed
        let rows = Dictionary(grouping: sample.accessRows, by: \.employee).mapValues(\.count)
        let busy = sample.written.rings.flatMap { $0.insiders.filter { $0.kind == "busy" } }
        #expect(!busy.isEmpty)
        for insider in busy {
            #expect(insider.rows >= 1)
            #expect(insider.rows * 100 < rows[insider.id]! - insider.rows, "\(insider.rows) of \(rows[insider.id]!)")
        }
    }

    @Test func clientsPayingOncePayOnceAndRingsShareVendors() {
        let sample = Samples.mixed
        let payments = sample.paymentFlows
        let once = sample.written.rings.flatMap { ring in ring.payingOnce.map { (ring, $0) } }
        #expect(once.count >= 3)
        for (ring, client) in once {
            #expect(payments.filter { $0.from == client && Self.receivers(ring).contains($0.to) }.count == 1)
        }
        let memberships = Dictionary(grouping: sample.written.truth.filter { $0.role == "client" }, by: \.entity)
        #expect(memberships.values.contains { $0.count >= 2 })
    }

    @Test func eachRingTicketsItsAccessAtItsOwnRate() {
        let rates = Samples.mixed.written.rings.map(\.ticketRate)
        #expect(rates.allSatisfy { (0..<0.6).contains($0) })
        #expect(rates.min()! < 0.2 && rates.max()! > 0.4)
    }

    @Test func behavioursCanBeLeftOut() throws {
        let sample = try GeneratedSample.make(
            .timed, rings: 6, seed: 9, entities: 600, decoys: false,
            without: Set(RingBehaviour.allCases))
        for ring in sample.written.rings {
            #expect(ring.brokers.count == 1 && ring.payingOnce.isEmpty && ring.victims.isEmpty)
            #expect(ring.insiders.allSatisfy { $0.kind == "regular" })
            #expect(ring.jobs["rival"] == nil && ring.jobs["bulk"] == nil)
        }
        #expect(Set(sample.written.truth.map(\.entity)).count == sample.written.truth.count)
        #expect(!sample.folder.exists("decoys.csv"))
    }
}
