import CCurl

/// A `curl_slist` freed when this value is released, so no path (error or not) leaks one.
final class HeaderList {
    private(set) var pointer: UnsafeMutablePointer<curl_slist>?
    private let resources: CurlResources

    init(_ lines: [String], resources: CurlResources) throws {
        self.resources = resources
        resources.listCreated()
        for line in lines {
            guard let next = curl_slist_append(pointer, line) else {
                throw WebhookError.curlUnavailable("curl_slist_append ran out of memory")
            }
            pointer = next
        }
    }

    deinit {
        curl_slist_free_all(pointer)
        resources.listFreed()
    }
}
