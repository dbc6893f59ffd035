import Foundation
import RingfindGraph

extension RingDetector {
    /// One candidate: a broker's `accounts` (one, or two used one after the other, see
    /// `SuccessiveAccounts`) with their clients and every contact's evidence, its concealment
    /// counted but not yet tested (`CandidateRing.conclude`); the work under test is added to
    /// `scratch.underTest` while it is being marked. `owner` stamps the scratch slots: unique per candidate.
    func assess(accounts: [Int32], owner: Int32, context: Context, scratch: inout Scratch) -> CandidateRing? {
        var clients = clientMoney(of: accounts, owner: owner, context: context, scratch: &scratch)
        guard clients.count >= 2 else { return nil }
        var contacts = contacts(of: accounts, owner: owner, context: context, scratch: &scratch)
        guard !contacts.isEmpty else { return nil }
        let index = context.index, payments = context.events.payments
        for c in clients.indices { clients[c].sortByTime(payments: payments) }
        for c in contacts.indices {
            let order = contacts[c].times.indices.sorted { (contacts[c].times[$0], $0) < (contacts[c].times[$1], $1) }
            contacts[c].times = order.map { contacts[c].times[$0] }
            contacts[c].rows = order.map { contacts[c].rows[$0] }
        }
        var clientShare = 0.0
        for money in clients {
            clientShare += index.accessShare[Int(money.vendor)]
            let g = context.groupOf[Int(money.vendor)]
            if g >= 0 { scratch.groupStamp[Int(g)] = owner }
        }
        let anyClient = PaymentTimes(merging: clients)
        var pairs: [PairEvidence] = []
        var tested = 0
        for c in contacts {
            let pair = evaluate(
                c, owner: owner, clients: clients, anyClient: anyClient, clientShare: clientShare,
                context: context, scratch: &scratch)
            if pair.isTested { tested += 1 }
            pairs.append(pair)
        }
        guard tested > 0 else { return nil }
        return CandidateRing(accounts: accounts, clients: clients, pairs: pairs, testedContacts: tested)
    }

    /// Clients: vendors paying one of the accounts, or paying a front that passes their money on
    /// to one (`PassThrough`), with the payments that reached the broker.
    func clientMoney(of accounts: [Int32], owner: Int32, context: Context, scratch: inout Scratch) -> [ClientMoney] {
        let index = context.index, payments = context.events.payments, isVendor = context.isVendor
        var clients: [ClientMoney] = []
        func client(_ v: Int32) -> Int {
            scratch.clients.slot(of: v, owner: owner, count: &clients) { ClientMoney(vendor: v) }
        }
        func addClients(of b: Int32) {
            // Whether an account passes on most of its vendor income to b (or to b and another
            // account dealing itself with one of the employees b deals with itself: a second
            // account), once per account.
            var fronts: [Int32: Bool] = [:]
            var brokersEmployees: Set<Int32>? = nil
            func isFront(_ payer: Int32) -> Bool {
                if let known = fronts[payer] { return known }
                let own = brokersEmployees ?? context.directlyTiedEmployees(of: b)
                brokersEmployees = own
                let front = PassThrough.passesOnMost(
                    of: payer, to: b, payments: payments, index: index, isVendor: isVendor
                ) { other in
                    context.mayBroker[Int(other)] && !context.directlyTiedEmployees(of: other).isDisjoint(with: own)
                }
                fronts[payer] = front
                return front
            }
            for r in index.paymentsIn.rows(of: b) {
                let payer = payments.source[Int(r)]
                if isVendor[Int(payer)] {
                    clients[client(payer)].rows.append(Int(r))
                } else if context.mayBroker[Int(payer)] && !accounts.contains(payer), isFront(payer) {
                    // A possible front: the vendor payments it passed on to b (see `PassThrough`).
                    for r2 in PassThrough.funding(
                        of: Int(r), into: payer, payments: payments, index: index, isVendor: isVendor,
                        window: context.parameters.window)
                    {
                        let c = client(payments.source[r2])
                        if clients[c].front < 0 || clients[c].front == payer, !clients[c].rows.contains(r2) {
                            clients[c].front = payer
                            clients[c].rows.append(r2)
                            if clients[c].frontRows.last != Int(r) { clients[c].frontRows.append(Int(r)) }
                        }
                    }
                }
            }
        }
        for b in accounts { addClients(of: b) }
        return clients
    }

    /// Contacts: employees one of the accounts pays or messages (either way), or pays through a
    /// mule (`PassThrough`), in the order first met.
    func contacts(of accounts: [Int32], owner: Int32, context: Context, scratch: inout Scratch) -> [Contact] {
        let index = context.index, payments = context.events.payments, messages = context.events.communications
        let isEmployee = context.isEmployee
        var contacts: [Contact] = []
        func contact(_ e: Int32) -> Int {
            scratch.contacts.slot(of: e, owner: owner, count: &contacts) { Contact(employee: e) }
        }
        var relayed = Set<Int>()
        func addContacts(of b: Int32) {
            for r in index.paymentsOut.rows(of: b) {
                let to = payments.target[Int(r)]
                if isEmployee[Int(to)] {
                    let c = contact(to)
                    contacts[c].times.append(payments.time[Int(r)])
                    contacts[c].rows.append((.payment, Int(r)))
                    contacts[c].paid += payments.amount[Int(r)]
                    contacts[c].payments += 1
                } else if context.mayBroker[Int(to)] && !accounts.contains(to) {
                    // A possible mule: the payments to employees that relay b's (see `PassThrough`).
                    for r2 in PassThrough.relays(
                        of: Int(r), from: to, payments: payments, index: index, isEmployee: isEmployee,
                        window: context.parameters.window)
                    {
                        let e = payments.target[r2]
                        let c = contact(e)
                        if contacts[c].mule < 0 { contacts[c].mule = to }
                        contacts[c].muleRows.append(Int(r))
                        // One relayed payment can follow several of b's payments to the mule: count it once.
                        guard relayed.insert(r2).inserted else { continue }
                        contacts[c].times.append(payments.time[r2])
                        contacts[c].rows.append((.payment, r2))
                        contacts[c].paid += payments.amount[r2]
                        contacts[c].payments += 1
                    }
                }
            }
            for r in index.messagesOut.rows(of: b) where isEmployee[Int(messages.target[Int(r)])] {
                let c = contact(messages.target[Int(r)])
                contacts[c].times.append(messages.time[Int(r)])
                contacts[c].rows.append((.communication, Int(r)))
                contacts[c].messagesFromBroker += 1
            }
            for r in index.messagesIn.rows(of: b) where isEmployee[Int(messages.source[Int(r)])] {
                let c = contact(messages.source[Int(r)])
                contacts[c].times.append(messages.time[Int(r)])
                contacts[c].rows.append((.communication, Int(r)))
                contacts[c].messagesToBroker += 1
            }
        }
        for b in accounts { addContacts(of: b) }
        return contacts
    }
}
