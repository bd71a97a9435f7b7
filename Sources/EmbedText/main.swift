// Writes a Swift file holding text files' exact bytes as string constants, run at build time by the EmbedServerFiles
// plugin, so the daemon needs no resource bundle beside it:
//   EmbedText INPUT OUTPUT TYPE MEMBER                  one file as `static let MEMBER: String`
//   EmbedText --files OUTPUT TYPE MEMBER INPUT...       files as `static let MEMBER: [String: String]` by file name
// Hand-written because SwiftPM's resources need a bundle at run time and no package in the mirror embeds a file as
// source.
import Foundation

func fail(_ message: String, _ code: Int32) -> Never {
    FileHandle.standardError.write(Data("EmbedText: \(message)\n".utf8))
    exit(code)
}

func read(_ path: String) -> String {
    guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
        fail("cannot read \(path) as UTF-8", 65)
    }
    return text
}

/// A raw string literal of `text`: more #s than any run of # after a quote in the text, so nothing in it can close
/// the literal. The text's lines start at column 0 and so does the closing delimiter, so the literal strips no
/// indentation; the line break before the closing delimiter is not part of a multi-line literal, so one more keeps
/// the text's own.
func literal(_ text: String) -> String {
    var longest = 0, run = -1
    for character in text {
        if character == "\"" { run = 0 } else if character == "#", run >= 0 { run += 1; longest = max(longest, run) } else { run = -1 }
    }
    let hashes = String(repeating: "#", count: longest + 1)
    return "\(hashes)\"\"\"\n" + text + "\n\"\"\"\(hashes)"
}

let arguments = CommandLine.arguments
var out = "// Generated at build time by the EmbedServerFiles plugin: edit the files it names, not this one.\n\n"
if arguments.count >= 5, arguments[1] == "--files" {
    let (output, type, member) = (arguments[2], arguments[3], arguments[4])
    out += "extension \(type) {\n    /// The files' texts, byte for byte, by file name.\n    public static let \(member): [String: String] = [\n"
    for path in arguments.dropFirst(5) {
        out += "\"\((path as NSString).lastPathComponent)\": \(literal(read(path))),\n"
    }
    out += "]\n}\n"
    do { try out.write(toFile: output, atomically: true, encoding: .utf8) } catch { fail("cannot write \(output): \(error)", 73) }
} else if arguments.count == 5 {
    let (input, output, type, member) = (arguments[1], arguments[2], arguments[3], arguments[4])
    out += "// From \((input as NSString).lastPathComponent).\nextension \(type) {\n    /// The file's text, byte for byte.\n"
    out += "    public static let \(member): String = \(literal(read(input)))\n}\n"
    do { try out.write(toFile: output, atomically: true, encoding: .utf8) } catch { fail("cannot write \(output): \(error)", 73) }
} else {
    fail("usage: EmbedText INPUT OUTPUT TYPE MEMBER | EmbedText --files OUTPUT TYPE MEMBER INPUT...", 64)
}
