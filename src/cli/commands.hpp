// The subcommands behind main(): each returns the process exit code and prints only to the given streams.
#pragma once

#include <iosfwd>

#include "cli/options.hpp"

namespace pm {

int run_analyse(const Options& o, std::ostream& out, std::ostream& err);
int run_check_grammars(const Options& o, std::ostream& out, std::ostream& err);
int run_explain_error(const Options& o, std::istream& in, std::ostream& out, std::ostream& err);

}  // namespace pm
