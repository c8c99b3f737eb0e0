// The one file a run must not leave behind if it is stopped by a signal: the temporary report that
// -o renames into place. A fatal-signal handler removes it (async-signal-safe: unlink of a path
// copied here beforehand).
#pragma once

#include <string_view>

namespace pm {

// Remembers `path` (at most 4095 bytes; a longer one is not remembered) as the file to remove.
void set_exit_cleanup_path(std::string_view path);
void clear_exit_cleanup_path();
// Removes the remembered file, if any. Safe to call from a signal handler.
void run_exit_cleanup() noexcept;
// SIGINT, SIGTERM and SIGHUP remove the remembered file, then end the run as they would have.
void cleanup_on_termination_signals();

}  // namespace pm
