import Testing

@testable import RingfindGraph

/// The one shortest decimal form of a double.
@Suite struct NumberTextTests {
    @Test func wholeNumbersHaveNoDecimalPoint() {
        #expect(NumberText.shortest(3) == "3")
        #expect(NumberText.shortest(-12) == "-12")
        #expect(NumberText.shortest(0) == "0")
        #expect(NumberText.shortest(999_999_999_999_999) == "999999999999999")
    }

    @Test func othersReadBackAsTheSameDouble() {
        for value in [12.5, 0.1, 1e-07, 1e15, 1e16, 1234567.891, -0.25, 1.0 / 3] {
            let text = NumberText.shortest(value)
            #expect(Double(text) == value)
        }
        #expect(NumberText.shortest(1e15) == "1000000000000000.0" && NumberText.shortest(1e16) == "1e+16")
        #expect(NumberText.shortest(0.1) == "0.1")
    }

    @Test func nonFiniteValuesAsSwiftPrintsThem() {
        #expect(NumberText.shortest(.nan) == "nan")
        #expect(NumberText.shortest(.infinity) == "inf")
        #expect(NumberText.shortest(-.infinity) == "-inf")
    }
}
