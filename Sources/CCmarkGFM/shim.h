#ifndef TRACEREPORT_CCMARKGFM_SHIM_H
#define TRACEREPORT_CCMARKGFM_SHIM_H
// cmark-gfm's core API and its GitHub extensions (table, tagfilter).
// The extensions library ships no pkg-config file; the modulemap links it by name.
#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#endif
