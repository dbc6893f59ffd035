import CGraphviz
import CGraphvizReader
import Foundation

/// Lays out and renders DOT text in-process through Graphviz's C library (libgvc, libcgraph).
///
/// This file is the only one that touches Graphviz. Every allocation is freed on every path
/// (`gvFreeRenderData`, `gvFreeLayout`, `agclose`, `gvFreeContext`), errors come back as
/// `GraphvizError` with Graphviz's own message, and calls are serialised because Graphviz keeps
/// global state. The text is read with ids in order of first mention (`ringfind_read_dot`), not
/// cgraph's default of name-string addresses, so a picture depends on its DOT alone — byte for
/// byte the same in every run and equal to the `dot` tool's. `gvRenderData`'s length is `unsigned int *` in Debian's Graphviz 2.43 and
/// `size_t *` from 2.46 on; the call below is written for the version this project builds with.
public enum GraphvizRenderer {
    /// Output formats.
    public enum Format: String, CaseIterable, Sendable {
        case svg, png, dot
    }

    /// Layout engines ringfind uses: `dot` for small hierarchical pictures, `sfdp` for large ones.
    public enum Engine: String, Sendable {
        case dot, neato, sfdp, fdp
    }

    private static let lock = NSLock()

    /// Renders `dot` (DOT source) with `engine` into `format`.
    public static func render(_ dot: String, engine: Engine, format: Format) throws(GraphvizError) -> Data {
        if format == .dot { return Data(dot.utf8) }
        lock.lock()
        defer { lock.unlock() }
        guard let context = gvContext() else { throw .failed(stage: "context", message: "gvContext returned nothing") }
        defer { gvFreeContext(context) }
        _ = agseterr(AGERR)
        _ = agreseterrors()
        guard let graph = dot.withCString({ ringfind_read_dot($0) }) else {
            throw .failed(stage: "parse", message: lastError() ?? "the DOT text could not be read")
        }
        defer { agclose(graph) }
        if engine == .sfdp {
            // Graphviz 2.43's sfdp reads state that the process's previous sfdp layout left
            // behind, so the same text drew differently the first time and after another graph.
            // A layout of this graph first leaves that state as this graph leaves it: the second
            // layout is the same whatever was drawn before (`GraphvizDeterminismTests`).
            guard gvLayout(context, graph, engine.rawValue) == 0 else {
                throw .failed(stage: "layout", message: lastError() ?? "layout with sfdp failed")
            }
            gvFreeLayout(context, graph)
        }
        guard gvLayout(context, graph, engine.rawValue) == 0 else {
            throw .failed(stage: "layout", message: lastError() ?? "layout with \(engine.rawValue) failed")
        }
        defer { gvFreeLayout(context, graph) }
        var buffer: UnsafeMutablePointer<CChar>? = nil
        var length: UInt32 = 0
        guard gvRenderData(context, graph, format.rawValue, &buffer, &length) == 0, let buffer else {
            throw .failed(stage: "render", message: lastError() ?? "rendering \(format.rawValue) failed")
        }
        defer { gvFreeRenderData(buffer) }
        return Data(bytes: buffer, count: Int(length))
    }

    private static func lastError() -> String? {
        guard let message = aglasterr() else { return nil }
        let text = String(cString: message).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }
}

/// A Graphviz failure, with Graphviz's message.
public enum GraphvizError: Error, CustomStringConvertible, Sendable {
    case failed(stage: String, message: String)

    public var description: String {
        switch self {
        case .failed(let stage, let message): "Graphviz \(stage) failed: \(message)"
        }
    }
}
