import NIOCore
import NIOSSH

/// Password and public-key authentication for one device. A `wrong-password` device accepts
/// neither the fleet's password nor its client key.
final class DeviceAuthentication: NIOSSHServerUserAuthenticationDelegate {
    private let secrets: FleetSecrets
    private let acceptsFleetCredentials: Bool
    private let authorizedKeys: Set<NIOSSHPublicKey>

    init(secrets: FleetSecrets, device: SimulatedDevice, authorizedKeys: Set<NIOSSHPublicKey>) {
        self.secrets = secrets
        acceptsFleetCredentials = device.fault != .wrongPassword
        self.authorizedKeys = authorizedKeys
    }

    var supportedAuthenticationMethods: NIOSSHAvailableUserAuthenticationMethods { [.password, .publicKey] }

    func requestReceived(
        request: NIOSSHUserAuthenticationRequest,
        responsePromise: EventLoopPromise<NIOSSHUserAuthenticationOutcome>
    ) {
        guard acceptsFleetCredentials, request.username == secrets.user else {
            responsePromise.succeed(.failure)
            return
        }
        switch request.request {
        case .password(let password):
            responsePromise.succeed(Self.constantTimeEqual(password.password, secrets.password) ? .success : .failure)
        case .publicKey(let key):
            responsePromise.succeed(authorizedKeys.contains(key.publicKey) ? .success : .failure)
        default:
            responsePromise.succeed(.failure)
        }
    }

    private static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

/// Closes a connection on any protocol error instead of leaving it half-open.
final class CloseOnError: ChannelInboundHandler, Sendable {
    typealias InboundIn = Any

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
