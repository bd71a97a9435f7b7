#include <curl/curl.h>
#include <string.h>
#include "CurlShim.h"

CURLcode allot_curl_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

CURLcode allot_curl_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}

CURLcode allot_curl_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}

CURLcode allot_curl_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value) {
    return curl_easy_setopt(handle, option, value);
}

CURLcode allot_curl_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}

CURLcode allot_curl_getinfo_double(CURL *handle, CURLINFO info, double *value) {
    return curl_easy_getinfo(handle, info, value);
}

CURLcode allot_curl_getinfo_off_t(CURL *handle, CURLINFO info, curl_off_t *value) {
    return curl_easy_getinfo(handle, info, value);
}

curl_version_info_data *allot_curl_version_info(void) {
    return curl_version_info(CURLVERSION_NOW);
}

// Returning less than the chunk size makes libcurl stop the transfer with CURLE_WRITE_ERROR:
// a receiver cannot make us read (or hold) more than the cap.
static size_t allot_capture_write(char *chunk, size_t size, size_t count, void *userdata) {
    allot_body_capture *capture = (allot_body_capture *)userdata;
    size_t total = size * count;
    size_t room = capture->capacity - capture->length;
    if (total > room) {
        memcpy(capture->data + capture->length, chunk, room);
        capture->length += room;
        capture->truncated = 1;
        return 0;
    }
    memcpy(capture->data + capture->length, chunk, total);
    capture->length += total;
    return total;
}

CURLcode allot_curl_capture_body(CURL *handle, allot_body_capture *capture) {
    CURLcode code = curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, allot_capture_write);
    if (code != CURLE_OK) return code;
    return curl_easy_setopt(handle, CURLOPT_WRITEDATA, (void *)capture);
}
