import Foundation
import Testing

@testable import RingfindSynthesis

/// The honest background of the marketplace.
@Suite struct MarketplaceBackgroundTests {
    @Test func employeesHaveTheirOwnHonestNoTicketRates() {
        let world = Marketplace(WorldParameters(entities: 1000, events: 20_000, rings: 0, camouflage: .none, seed: 7))
        #expect(world.noTicketRate.values.allSatisfy { (0.01...0.08).contains($0) })
        // In the files: shares of unticketed rows of employees with enough work spread like their rates.
        let sample = Samples.noRings
        let cast = Set(sample.written.decoys.map(\.entity))
        let byEmployee = Dictionary(
            grouping: sample.accessRows.filter { !cast.contains($0.employee) && !$0.ticket.hasPrefix("CHG-") },
            by: \.employee)
        let rates = byEmployee.values.filter { $0.count >= 50 }.map {
            Double($0.filter { $0.ticket.isEmpty }.count) / Double($0.count)
        }
        #expect(rates.count >= 10)
        #expect(rates.allSatisfy { $0 <= 0.2 })
        #expect(rates.min()! < 0.03 && rates.max()! > 0.05)
    }

    @Test func sessionsAndSweepsShareOneTicket() {
        let sample = Samples.noRings
        let group = sample.groupOf
        let byTicket = Dictionary(grouping: sample.accessRows.filter { $0.ticket.hasPrefix("T-") }, by: \.ticket)
        #expect(byTicket.values.filter { Set($0.map(\.vendor)).count == 1 && $0.count >= 2 }.count >= 500)
        let sweeps = byTicket.values.filter { Set($0.map(\.vendor)).count >= 8 }
        #expect(sweeps.count >= 5)
        for sweep in sweeps {
            #expect(Set(sweep.map { group[$0.vendor]! }).count == 1 && Set(sweep.map(\.employee)).count == 1)
        }
    }

    @Test func vendorGroupsAreMarkets() {
        let sample = Samples.noRings
        let (kind, group) = (sample.entities.column("kind"), sample.entities.column("group"))
        let vendors = sample.entities.rows.filter { $0[kind] == "vendor" }.map { $0[group] }
        let sizes = Dictionary(grouping: vendors, by: { $0 }).mapValues(\.count)
        #expect(sizes.keys.allSatisfy { $0.split(separator: "-").count == 2 })
        #expect(sizes.count >= 6)
        #expect(sizes.values.max()! < vendors.count / 4)
    }
}
