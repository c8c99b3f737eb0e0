#include "cli/options.hpp"

#include <boost/program_options.hpp>
#include <algorithm>
#include <sstream>

#include "base/parallel.hpp"
#include "base/text_safety.hpp"

namespace pm {

namespace po = boost::program_options;

namespace {

po::options_description visible_options() {
    po::options_description desc("Options", 110, 40);
    desc.add_options()
        ("help,h", "show this help and exit")
        ("version", "print the version and exit")
        ("format,f", po::value<std::string>()->default_value("markdown")->value_name("FMT"),
         "report format: markdown (a post-mortem to attach to the incident) or json (contract podmortem/v1)")
        ("pretty", "with --format json: one member per line, indented by two spaces (default: compact, one line)")
        ("output,o", po::value<std::string>()->value_name("FILE"),
         "write the report to FILE (atomically: a temporary file renamed into place; nothing is left behind on "
         "failure) instead of standard output")
        ("force", "let -o replace an existing file that is not a podmortem report (without it, such a file is "
                  "never overwritten; an input never is)")
        ("log", po::value<std::vector<std::string>>()->value_name("CONTAINER=PATH")->composing(),
         "read PATH as the log of container CONTAINER, whatever its name or content (repeatable); "
         "without it a log is attributed by its --prefix lines, its path or kubectl's Defaulted container line")
        ("jobs,j", po::value<long long>()->value_name("N"),
         "threads that read inputs and render the report (default: the machine's cores, at most 8); the report is "
         "the same bytes whatever N")
        ("grammars", po::value<std::string>()->value_name("DIR"),
         "use the *.rules files in DIR instead of the grammars built into the binary")
        ("check-grammars", "load and validate the grammars (built-in, or --grammars DIR), print every problem as "
                           "FILE:LINE: message, and exit")
        ("no-redact", "keep secrets (tokens, passwords, keys) found in the inputs; by default they are replaced "
                      "with ***REDACTED*** in both formats");
    return desc;
}

}  // namespace

std::string help_text() {
    std::ostringstream out;
    out << "podmortem - explain why Kubernetes containers died, from saved files alone\n\n"
           "Usage:\n"
           "  podmortem [options] PATH...          analyse files, directories (walked in sorted order) or - (stdin)\n"
           "  podmortem explain-error [MESSAGE]    unwrap one runtime error (from MESSAGE, or stdin when absent);\n"
           "                                       --format json prints it as the report's runtime_errors entry\n"
           "  podmortem --check-grammars [--grammars DIR]\n\n"
           "Inputs are recognised by their content, whatever their name, and one file may hold several:\n"
           "`kubectl describe pod(s)` (any kubectl version, pasted with damage or not), `kubectl logs [-p]`\n"
           "(plain, --timestamps, --prefix, CRI and Docker log files), `kubectl get events`, pods as YAML or\n"
           "JSON, kernel logs (dmesg, journalctl -k, syslog) and pasted runtime errors; in UTF-8, UTF-16 or a\n"
           "legacy encoding such as GB18030. Every claim in the report cites the FILE:LINE it rests on.\n\n"
        << visible_options()
        << "\nExamples:\n"
           "  podmortem describe.txt                        post-mortem of one saved describe, on stdout\n"
           "  podmortem -o postmortem.md incident-42/       every file under incident-42/, into a file\n"
           "  podmortem --format json describe.txt | jq '.findings[0].cause'\n"
           "  kubectl describe pod api-0 | podmortem -      read standard input\n"
           "  podmortem describe.txt --log api=saved.txt    saved.txt is container api's previous log\n"
           "  podmortem explain-error 'failed to create containerd task: ...: unknown'\n"
           "  podmortem --check-grammars --grammars ./my-grammars\n\n"
           "Exit codes:\n"
           "  0  the report was written (a path that could not be read is named on stderr and in the report)\n"
           "  1  bad usage, or nothing readable in the inputs (the reason is on stderr)\n"
           "  2  invalid grammars (each problem is printed as FILE:LINE: message)\n";
    return out.str();
}

// More threads than this only wait on each other (and on the two cores CI has).
constexpr long long k_max_jobs = 256;

ParsedOptions parse_options(int argc, const char* const argv[]) {
    ParsedOptions result;
    po::options_description hidden;
    hidden.add_options()("path", po::value<std::vector<std::string>>(), "");
    po::options_description all;
    all.add(visible_options()).add(hidden);
    po::positional_options_description positional;
    positional.add("path", -1);
    po::variables_map vm;
    try {
        auto parsed = po::command_line_parser(argc, argv).options(all).positional(positional).run();
        po::store(parsed, vm);
        po::notify(vm);
    } catch (const po::error& e) {
        // The message quotes the offending argument: escaped, it cannot drive the terminal.
        result.error = escape_for_terminal(e.what()) +
                       "; see podmortem --help (a MESSAGE or PATH that starts with - goes after --)";
        return result;
    }
    Options o;
    if (vm.count("path")) {
        o.paths = vm["path"].as<std::vector<std::string>>();
    }
    if (vm.count("log")) {
        for (const std::string& named : vm["log"].as<std::vector<std::string>>()) {
            const std::size_t eq = named.find('=');
            if (eq == 0 || eq == std::string::npos || eq + 1 == named.size()) {
                result.error = "--log wants CONTAINER=PATH (as in --log api=api-previous.log), not " +
                               escape_for_terminal(named);
                return result;
            }
            o.logs.emplace_back(named.substr(0, eq), named.substr(eq + 1));
        }
    }
    o.format = vm["format"].as<std::string>();
    if (vm.count("output")) {
        o.output = vm["output"].as<std::string>();
    }
    if (vm.count("grammars")) {
        o.grammar_dir = vm["grammars"].as<std::string>();
    }
    o.redact = vm.count("no-redact") == 0;
    o.force = vm.count("force") != 0;
    o.pretty = vm.count("pretty") != 0;
    o.jobs = default_jobs();
    if (vm.count("jobs")) {
        // Boost reads "-1" as a huge unsigned number; a thread count is asked for, so say what fits.
        const long long jobs = vm["jobs"].as<long long>();
        if (jobs < 1 || jobs > k_max_jobs) {
            result.error = "--jobs wants a number of threads from 1 to " + std::to_string(k_max_jobs) + ", not " +
                           std::to_string(jobs) + " (leave it out to use the machine's cores)";
            return result;
        }
        o.jobs = static_cast<unsigned>(jobs);
    }
    if (vm.count("help")) {
        o.command = "help";
    } else if (vm.count("version")) {
        o.command = "version";
    } else if (vm.count("check-grammars")) {
        o.command = "check-grammars";
    } else if (!o.paths.empty() && o.paths.front() == "explain-error") {
        o.command = "explain-error";
        if (o.paths.size() > 2) {
            result.error = "explain-error takes one MESSAGE (quote it), or none to read standard input";
            return result;
        }
        if (o.paths.size() == 2) {
            o.message = o.paths[1];
        }
        o.paths.clear();
    }
    if (o.format != "markdown" && o.format != "json") {
        result.error = "--format must be markdown or json, not `" + o.format + "`";
        return result;
    }
    if (o.command == "analyse" && o.paths.empty() && o.logs.empty()) {
        result.error = "no input given: name the files or directories to read (or - for standard input); "
                       "see podmortem --help";
        return result;
    }
    result.options = o;
    return result;
}

}  // namespace pm
