/// SplitMix64 (Steele, Lea & Flood, "Fast splittable pseudorandom number generators",
/// OOPSLA 2014): a small, fast, seedable generator. Every randomized algorithm in ringfind
/// takes one, so the same seed gives the same result on every machine and toolchain (no
/// standard-library randomness, whose algorithms may change between releases).
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform integer in `0..<bound` (Lemire's multiply-shift; bias below 2⁻³² for any
    /// bound used here).
    public mutating func below(_ bound: Int) -> Int {
        Int((UInt128(next()) * UInt128(bound)) >> 64)
    }

    /// A uniform double in `[0, 1)`.
    public mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// Fisher–Yates shuffle, stable across toolchains.
    public mutating func shuffle<T>(_ array: inout [T]) {
        var i = array.count - 1
        while i > 0 {
            array.swapAt(i, below(i + 1))
            i -= 1
        }
    }
}
