import DeviceSimulator
import Testing

struct FaultPlanTests {
    @Test func sharesParseWithAndWithoutPercentSigns() throws {
        let spec = try FaultSpec(parsing: "hang=5%,refuse=5,hostkey-changed=2%")
        #expect(spec.shares.map(\.fault) == [.hang, .refuse, .hostkeyChanged])
        #expect(spec.shares.map(\.percent) == [5, 5, 2])
        #expect(try FaultSpec(parsing: "").shares.isEmpty)
    }

    @Test func badSpecsSayWhatIsWrong() {
        #expect(throws: SimulatorError.self) { try FaultSpec(parsing: "explode=5%") }
        #expect(throws: SimulatorError.self) { try FaultSpec(parsing: "hang") }
        #expect(throws: SimulatorError.self) { try FaultSpec(parsing: "hang=150%") }
        #expect(throws: SimulatorError.self) { try FaultSpec(parsing: "hang=60%,flood=50%") }
        #expect(throws: SimulatorError.self) { try FaultSpec(parsing: "hang=5%,hang=1%") }
        do {
            _ = try FaultSpec(parsing: "explode=5%")
        } catch {
            #expect(error.description.contains("explode"))
        }
    }

    /// 10,000 devices at hang=5%, refuse=5%, hostkey-changed=2%: exactly 500, 500 and 200, no
    /// device with two faults, and the same plan for the same seed.
    @Test func countsAreExactDisjointAndReproducible() throws {
        let spec = try FaultSpec(parsing: "hang=5%,refuse=5%,hostkey-changed=2%")
        let plan = spec.assign(devices: 10_000, seed: "s1")
        #expect(plan.filter { $0 == .hang }.count == 500)
        #expect(plan.filter { $0 == .refuse }.count == 500)
        #expect(plan.filter { $0 == .hostkeyChanged }.count == 200)
        #expect(plan.filter { $0 == nil }.count == 8_800)
        #expect(spec.assign(devices: 10_000, seed: "s1") == plan)
        #expect(spec.assign(devices: 10_000, seed: "s2") != plan)
    }

    @Test func vendorListsParse() throws {
        #expect(try Vendor.list(parsing: "cisco-ios, openwrt") == [.ciscoIOS, .openWrt])
        #expect(throws: SimulatorError.self) { try Vendor.list(parsing: "cisco") }
    }
}
