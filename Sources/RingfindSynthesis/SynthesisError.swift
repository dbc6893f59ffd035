/// A problem with the parameters of a world.
public enum SynthesisError: Error, CustomStringConvertible, Equatable {
    /// Decoys and ring behaviours live in the marketplace, not in the classic world.
    case needsMarketplaceStyle(option: String)

    public var description: String {
        switch self {
        case .needsMarketplaceStyle(let option):
            return
                "\(option) needs a marketplace style (--style timed, retainer, offbook or mixed); the classic world stays as it was"
        }
    }
}
