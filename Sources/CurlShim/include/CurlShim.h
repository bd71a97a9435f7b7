#ifndef ALLOT_CURL_SHIM_H
#define ALLOT_CURL_SHIM_H
#include <curl/curl.h>
#include <stddef.h>

/// Typed wrappers for the variadic curl_easy_setopt / curl_easy_getinfo, which Swift cannot call.
CURLcode allot_curl_setopt_long(CURL *handle, CURLoption option, long value);
CURLcode allot_curl_setopt_string(CURL *handle, CURLoption option, const char *value);
CURLcode allot_curl_setopt_pointer(CURL *handle, CURLoption option, void *value);
CURLcode allot_curl_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value);
CURLcode allot_curl_getinfo_long(CURL *handle, CURLINFO info, long *value);
CURLcode allot_curl_getinfo_double(CURL *handle, CURLINFO info, double *value);
CURLcode allot_curl_getinfo_off_t(CURL *handle, CURLINFO info, curl_off_t *value);

/// curl_version_info(CURLVERSION_NOW); the macro is not visible to Swift.
curl_version_info_data *allot_curl_version_info(void);

/// A fixed buffer a transfer writes its response body into; never grows.
typedef struct allot_body_capture {
    char *data;
    size_t length;
    size_t capacity;
    /// Set when the body was longer than `capacity`; the transfer is then stopped.
    int truncated;
} allot_body_capture;

/// Points the handle's write callback at `capture` (reset `length` and `truncated` before each transfer).
CURLcode allot_curl_capture_body(CURL *handle, allot_body_capture *capture);

#endif
