import BotAPI
import Testing

@testable import Engine

/// What a call of a method without an implementation answers (the RoutingAndAuthTests probe
/// checks the spec methods still unimplemented over HTTP).
@Suite struct MethodRegistryTests {
    @Test func aSpecMethodWithoutImplementationIs501AndAnyOtherName404() {
        let missing = MethodRegistry.missingMethodError(named: "APPROVESUGGESTEDPOST", on: .bot)
        #expect(missing.code == 501 && missing.description == "Not Implemented: method approveSuggestedPost is not supported yet")
        let unknown = MethodRegistry.missingMethodError(named: "approveSuggestedPosts", on: .bot)
        #expect(unknown.code == 404 && unknown.description == "Not Found: method not found")
        // The admin surface has no Bot API methods.
        #expect(MethodRegistry.missingMethodError(named: "approveSuggestedPost", on: .admin).code == 404)
    }
}
