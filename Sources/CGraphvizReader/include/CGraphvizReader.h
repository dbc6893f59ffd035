#ifndef RINGFIND_CGRAPHVIZ_READER_H
#define RINGFIND_CGRAPHVIZ_READER_H

#include <graphviz/cgraph.h>

/// Parses DOT `text` (NUL-terminated) like `agmemread`, but names objects with sequential ids
/// in order of first mention instead of the addresses of their interned name strings.
///
/// Graphviz's default id discipline uses a name's string address as the object's id, and cgraph
/// keeps subgraphs (and other sets) ordered by id, so the layout of the same DOT text depended
/// on the state of the heap: in a long-lived, multi-threaded process the same ring drew two ways.
/// Ids in first-mention order make the layout a function of the text alone (and equal to what the
/// `dot` command-line tool draws, whose fresh heap hands out addresses in that same order).
/// Returns NULL when the text cannot be read (the error is in `aglasterr()`); free with `agclose`.
Agraph_t *ringfind_read_dot(const char *text);

#endif
