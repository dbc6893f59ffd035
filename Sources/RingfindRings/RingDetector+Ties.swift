import RingfindGraph

/// What ties a candidate broker to its clients and to employees.
extension RingDetector {
    /// A vendor's payments reaching the broker, in time order.
    struct ClientMoney {
        var vendor: Int32
        /// Payment rows (vendor → broker, or vendor → front), by time.
        var rows: [Int] = []
        /// Their times, `Timestamp.missing` first.
        var times: [Int64] = []
        var front: Int32 = -1
        /// Front → broker rows.
        var frontRows: [Int] = []

        /// Puts `rows` in time order (then row order) and fills `times`.
        mutating func sortByTime(payments: EventLog) {
            // The column alone: a closure reading `payments.time` copies the whole log (and
            // retains each of its columns) on every comparison.
            let time = payments.time, rows = rows
            let order = rows.indices.sorted { (time[rows[$0]], rows[$0]) < (time[rows[$1]], rows[$1]) }
            self.rows = order.map { rows[$0] }
            times = self.rows.map { time[$0] }
        }
    }

    /// An employee's ties with the broker, in time order.
    struct Contact {
        var employee: Int32
        var times: [Int64] = []
        /// (log type, row) of each contact.
        var rows: [(EdgeType, Int)] = []
        var mule: Int32 = -1
        var muleRows: [Int] = []
        var paid = 0.0
        var payments = 0
        var messagesFromBroker = 0
        var messagesToBroker = 0
        var messages: Int { messagesFromBroker + messagesToBroker }
        /// Money, or messages both ways.
        var isTie: Bool { payments > 0 || (messagesFromBroker > 0 && messagesToBroker > 0) }
        /// Whether the broker's account deals with the employee itself — messages, or payments
        /// not relayed by a mule.
        var isDirect: Bool { messages > 0 || (mule < 0 && payments > 0) }
    }
}
