// botapi-generate: regenerates Sources/BotAPI/Generated from the Bot API spec.
//
//     swift run botapi-generate [spec.json] [output directory]
//
// Defaults, relative to the package root (the current directory when it holds
// Package.swift, otherwise the root this file was compiled in):
//     spec:   ../shared/botapi/spec-10.3.json
//     output: Sources/BotAPI/Generated
import BotAPIGenerator
import Foundation

func packageRoot() -> URL {
    let current = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    if FileManager.default.fileExists(atPath: current.appendingPathComponent("Package.swift").path) {
        return current
    }
    // Sources/botapi-generate/main.swift → package root.
    return URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
}

let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.contains("-h") || arguments.contains("--help") || arguments.count > 2 {
    print("usage: botapi-generate [spec.json] [output directory]")
    exit(arguments.count > 2 ? 64 : 0)
}
let root = packageRoot()
let specURL = arguments.count > 0
    ? URL(fileURLWithPath: arguments[0])
    : root.appendingPathComponent("../shared/botapi/spec-10.3.json").standardizedFileURL
let outputURL = arguments.count > 1
    ? URL(fileURLWithPath: arguments[1])
    : root.appendingPathComponent("Sources/BotAPI/Generated")

do {
    let generator = try CodeGenerator(specData: Data(contentsOf: specURL))
    let files = try generator.generate()
    for warning in generator.warnings {
        FileHandle.standardError.write(Data("botapi-generate: warning: \(warning)\n".utf8))
    }
    let changes = try CodeGenerator.write(files, to: outputURL)
    let lines = files.reduce(0) { $0 + $1.contents.split(separator: "\n", omittingEmptySubsequences: false).count - 1 }
    print("\(generator.spec.version): \(generator.spec.types.count) types, \(generator.spec.methods.count) methods")
    print("\(files.count) files (\(lines) lines) in \(outputURL.path), \(changes) changed")
} catch {
    FileHandle.standardError.write(Data("botapi-generate: \(error)\n".utf8))
    exit(1)
}
