import Foundation
import Testing

@testable import RingfindSynthesis

/// Decoys: present, each with its defining habit, and never ring members.
@Suite struct MarketplaceDecoyTests {
    /// Decoy members of `kind`, by decoy id, as (entity, role).
    static func decoys(_ sample: GeneratedSample, _ kind: Marketplace.DecoyKind) -> [[(entity: String, role: String)]] {
        let rows = sample.written.decoys.filter { $0.kind == kind.rawValue }
        return Dictionary(grouping: rows, by: \.decoy).sorted { $0.key < $1.key }.map {
            $0.value.map { ($0.entity, $0.role) }
        }
    }

    static func member(_ decoy: [(entity: String, role: String)], _ role: String) -> String {
        decoy.first { $0.role == role }!.entity
    }

    @Test func decoysOfEveryKindAreNeverRingMembers() {
        for sample in [Samples.mixed, Samples.noRings] {
            let kinds = Set(sample.written.decoys.map(\.kind))
            #expect(kinds == Set(Marketplace.DecoyKind.allCases.map(\.rawValue)))
            #expect(Set(sample.written.decoys.map(\.entity)).isDisjoint(with: sample.truthIDs))
            #expect(sample.folder.read("decoys.csv")!.split(separator: "\n").count == sample.written.decoys.count + 1)
        }
    }

    @Test func contractorAgenciesAreWidelyPaidPayAMonthlyInvoiceAndTheContractorWorksWithTickets() {
        let sample = Samples.noRings
        let payments = sample.paymentFlows, access = sample.accessRows
        for decoy in Self.decoys(sample, .contractorAgency) {
            let agency = Self.member(decoy, "agency"), contractor = Self.member(decoy, "contractor")
            let clients = Set(decoy.filter { $0.role == "client" }.map(\.entity))
            #expect(Set(payments.filter { $0.to == agency }.map(\.from)).count >= 5)
            let invoices = payments.filter { $0.from == agency && $0.to == contractor }
            #expect(invoices.count >= 5 && Set(invoices.map(\.amount)).count == 1)
            let served = access.filter { $0.employee == contractor && clients.contains($0.vendor) }
            #expect(served.count >= 10)
            #expect(Double(served.filter { !$0.ticket.isEmpty }.count) >= 0.8 * Double(served.count))
        }
    }

    @Test func flatmatesPayTheSameSumEveryMonth() {
        let sample = Samples.noRings
        let payments = sample.paymentFlows
        var freelancers = 0
        for decoy in Self.decoys(sample, .flatmate) {
            let mate = Self.member(decoy, "flatmate"), employee = Self.member(decoy, "employee")
            let rent = payments.filter { $0.from == mate && $0.to == employee }.sorted { $0.day < $1.day }
            #expect(rent.count >= 5 && Set(rent.map(\.amount)).count == 1)
            for (a, b) in zip(rent, rent.dropFirst()) { #expect((28.0...32.0).contains(b.day - a.day)) }
            if decoy.contains(where: { $0.role == "freelance_client" }) { freelancers += 1 }
        }
        #expect(Self.decoys(sample, .flatmate).count >= 2)
        _ = freelancers  // some are freelancers paid by vendors, depending on the seed
    }

    @Test func relativesPayAnEmployeeAndOwnAVendor() {
        let sample = Samples.noRings
        let payments = sample.paymentFlows
        for decoy in Self.decoys(sample, .relativeOwner) {
            let relative = Self.member(decoy, "relative"), employee = Self.member(decoy, "employee"),
                shop = Self.member(decoy, "owned_vendor")
            #expect(payments.contains { $0.from == relative && $0.to == employee })
            #expect(payments.filter { $0.from == shop && $0.to == relative }.count >= 5)
        }
    }

    @Test func escalationsAreFollowedBySupportWorkWithTickets() {
        let sample = Samples.noRings
        let messages = sample.messageFlows, access = sample.accessRows
        for decoy in Self.decoys(sample, .escalatingAgency) {
            let agency = Self.member(decoy, "agency")
            let support = Set(decoy.filter { $0.role == "support" }.map(\.entity)),
                clients = Set(decoy.filter { $0.role == "client" }.map(\.entity))
            let escalations = messages.filter { $0.from == agency && support.contains($0.to) }
            #expect(escalations.count >= 5)
            let followUps = access.filter { row in
                support.contains(row.employee) && clients.contains(row.vendor)
                    && escalations.contains { $0.to == row.employee && row.day > $0.day && row.day - $0.day < 1 }
            }
            #expect(followUps.count >= escalations.count)
            #expect(followUps.allSatisfy { !$0.ticket.isEmpty })
        }
    }

    @Test func agentsHaveASmallRegularBook() {
        let sample = Samples.noRings
        let payments = sample.paymentFlows
        for decoy in Self.decoys(sample, .agent) {
            let agent = Self.member(decoy, "agent"), book = decoy.filter { $0.role == "client" }.map(\.entity)
            #expect((3...6).contains(book.count))
            for vendor in book { #expect(payments.filter { $0.from == vendor && $0.to == agent }.count >= 5) }
        }
    }

    @Test func coldBrokersNeverPayOrArePaidAndEmployeesBarelyAnswer() {
        let sample = Samples.noRings
        let payments = sample.paymentFlows, messages = sample.messageFlows
        for decoy in Self.decoys(sample, .coldBroker) {
            let broker = Self.member(decoy, "cold_broker")
            #expect(!payments.contains { $0.from == broker || $0.to == broker })
            let approached = Set(decoy.filter { $0.role == "approached" }.map(\.entity))
            #expect(approached.count >= 5)
            #expect(
                messages.filter { approached.contains($0.from) && $0.to == broker }.count <= approached.count / 2 + 1)
        }
    }
}
