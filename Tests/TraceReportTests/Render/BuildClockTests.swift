import Foundation
import Testing

@testable import TraceReport

@Suite("Build clock: the time pages show and history.jsonl records, from SOURCE_DATE_EPOCH or the clock")
struct BuildClockTests {
    @Test(
        "SOURCE_DATE_EPOCH is shown to the minute and recorded to the second, in UTC",
        arguments: [
            (0, "1970-01-01 00:00 UTC", "1970-01-01T00:00:00Z"),
            (1_764_579_600, "2025-12-01 09:00 UTC", "2025-12-01T09:00:00Z"),
            (951_827_696, "2000-02-29 12:34 UTC", "2000-02-29T12:34:56Z"),
            (4_102_444_799, "2099-12-31 23:59 UTC", "2099-12-31T23:59:59Z"),
        ])
    func fromEpoch(seconds: Int, shown: String, recorded: String) throws {
        let time = try BuildClock.build(environment: ["SOURCE_DATE_EPOCH": String(seconds)])
        #expect(time.shown == shown)
        #expect(time.recorded == recorded)
        #expect(try BuildClock.generated(environment: ["SOURCE_DATE_EPOCH": String(seconds)]) == shown)
    }

    @Test("without SOURCE_DATE_EPOCH the build's own clock is shown, and a review attachment shows no time")
    func fromClock() throws {
        let time = try BuildClock.build(environment: [:], now: Date(timeIntervalSince1970: 1_733_400_000.9))
        #expect(time == ("2024-12-05 12:00 UTC", "2024-12-05T12:00:00Z"))
        #expect(try BuildClock.generated(environment: [:]) == nil)
    }

    @Test("a SOURCE_DATE_EPOCH that is not a whole number of seconds is refused, saying what to set")
    func refused() {
        for raw in ["soon", "-5", "1.5"] {
            #expect(throws: ReportError.self) { try BuildClock.build(environment: ["SOURCE_DATE_EPOCH": raw]) }
        }
    }
}
