/// Everything the simulator can refuse, with a one-line message naming the file or argument.
public enum SimulatorError: Error, CustomStringConvertible, Equatable {
    case badArgument(String)
    case fixtures(String)
    case state(String)

    public var description: String {
        switch self {
        case .badArgument(let message), .fixtures(let message), .state(let message): message
        }
    }
}
