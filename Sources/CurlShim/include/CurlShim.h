#ifndef ALLOT_CURL_SHIM_H
#define ALLOT_CURL_SHIM_H
#include <curl/curl.h>

/// Typed wrappers for the variadic curl_easy_setopt / curl_easy_getinfo, which Swift cannot call.
CURLcode allot_curl_setopt_long(CURL *handle, CURLoption option, long value);
CURLcode allot_curl_setopt_string(CURL *handle, CURLoption option, const char *value);
CURLcode allot_curl_setopt_pointer(CURL *handle, CURLoption option, void *value);
CURLcode allot_curl_getinfo_long(CURL *handle, CURLINFO info, long *value);
CURLcode allot_curl_getinfo_double(CURL *handle, CURLINFO info, double *value);

#endif
