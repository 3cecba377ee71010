import DeviceSimulator
import Testing

/// Many sessions at once against many devices: every one gets its full configuration. (The
/// figures are printed, not asserted; `routeraudit-devsim --selftest-load` measures release builds.)
struct LoadTests {
    @Test func threeHundredSessionsAgainstOneHundredDevices() async throws {
        try await SimulatorHarness.with(devices: 100) { harness in
            let report = await LoadDriver.run(harness.simulator, sessions: 300, concurrency: 50)
            print("load: \(report)")
            #expect(report.sessions == 300)
            #expect(report.succeeded == 300)
            #expect(report.failed == 0)
            #expect(report.wrongOutput == 0)
        }
    }
}
