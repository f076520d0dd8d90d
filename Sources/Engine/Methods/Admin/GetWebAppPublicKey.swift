import Crypto
import Storage

/// `getWebAppPublicKey` (admin): the hex Ed25519 public key that signs this world's Web App
/// init data (its `signature` field; see ``WebAppSigning``), for third parties that validate
/// init data without the bot token. The key is made on first use.
enum GetWebAppPublicKey: APIMethod {
    static let name = "getWebAppPublicKey"
    static let surfaces: Set<Surface> = [.admin]

    static func run(_ call: MethodCall) async throws -> MethodResult {
        let publicKey = try await call.engine.write { tx in
            HexDigits.string(try WebAppSigning.signingKey(in: tx.store).publicKey.rawRepresentation)
        }
        return MethodResult(publicKey)
    }
}
