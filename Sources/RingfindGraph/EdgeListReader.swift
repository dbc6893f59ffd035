import Foundation

/// Reads a plain undirected edge list, `src,dst[,weight]` per line (comma, tab or space
/// separated), node ids 0-based integers; an optional header line is skipped. Used for
/// benchmark graphs and test graphs, not for investigation inputs (those go through
/// `ringfind build`).
public enum EdgeListReader {
    /// A problem with an edge list, with its line.
    public enum Failure: Error, CustomStringConvertible {
        case unreadable(path: String)
        case badLine(path: String, line: Int, text: String)

        public var description: String {
            switch self {
            case .unreadable(let path): "cannot read edge list \(path)"
            case .badLine(let path, let line, let text):
                "\(path):\(line): expected 'src,dst[,weight]' with integer ids, found '\(text.prefix(80))'"
            }
        }
    }

    /// The graph of the edge list at `path`, over nodes `0...max id` (or `nodeCount` if larger).
    public static func read(path: String, nodeCount: Int = 0) throws(Failure) -> WeightedGraph {
        guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path: path) }
        var sources: [Int32] = [], targets: [Int32] = [], weights: [Double] = []
        var maxID: Int32 = -1
        var lineNumber = 0
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let fields = line.split(whereSeparator: { $0 == "," || $0 == "\t" || $0 == " " || $0 == "\r" })
            if fields.isEmpty { continue }
            guard fields.count >= 2, let u = Int32(fields[0]), let v = Int32(fields[1]), u >= 0, v >= 0 else {
                if lineNumber == 1 { continue }  // a header
                throw .badLine(path: path, line: lineNumber, text: String(line))
            }
            var w = 1.0
            if fields.count >= 3 {
                guard let parsed = Double(fields[2]) else {
                    throw .badLine(path: path, line: lineNumber, text: String(line))
                }
                w = parsed
            }
            sources.append(u)
            targets.append(v)
            weights.append(w)
            maxID = max(maxID, u, v)
        }
        return WeightedGraph(
            nodeCount: max(nodeCount, Int(maxID) + 1), sources: sources, targets: targets, weights: weights)
    }
}
