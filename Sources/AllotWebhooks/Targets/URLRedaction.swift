import Foundation

/// A webhook URL's password (`https://user:secret@host/...`) is a credential: it is shown, logged and stored as `***`.
public enum URLRedaction {
    /// `url` with the password of its userinfo replaced by `***` (the user name is kept).
    public static func redacted(_ url: String) -> String { redactedText(url) }

    /// `text` with the password of every `scheme://user:password@` in it replaced by `***`: for error messages and
    /// log lines that quote a URL.
    public static func redactedText(_ text: String) -> String {
        guard text.contains("@") else { return text }
        return text.replacingOccurrences(of: #"([A-Za-z][A-Za-z0-9+.\-]*://[^\s/?#@:]*):[^\s/?#@]*@"#, with: "$1:***@",
                                         options: .regularExpression)
    }
}
