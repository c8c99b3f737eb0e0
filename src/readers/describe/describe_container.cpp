// Container-level keys and list items of a describe container block.
#include "readers/describe/describe_container.hpp"

#include "readers/describe/describe_state.hpp"
#include "readers/describe/describe_values.hpp"

namespace pm {

namespace {

constexpr size_t k_max_containers_per_file = 100000;

void open_list(DescribeContext& ctx, const PasteLine& line, ContainerList list) {
    ctx.list = list;
    ctx.list_indent = line.indent;
}

std::string container_label(const DescribeContext& ctx) {
    const OptText& name = ctx.container->container.name;
    return name ? "container `" + std::string(*name) + "`" : "the unnamed container";
}

// Ends a multi-line environment value: its lines, joined once.
void close_env_value(DescribeContext& ctx) {
    ContainerDraft& draft = *ctx.container;
    if (draft.env_open && !draft.container.environment.empty()) {
        draft.container.environment.back().second = ctx.keep(draft.env_tail);
    }
    draft.env_open = false;
    draft.env_tail.clear();
}

void add_mount(DescribeContext& ctx, const PasteLine& line, std::string_view text) {
    if (is_none_value(text)) {
        return;
    }
    std::optional<Mount> mount = parse_mount(text, ctx.incident);
    if (!mount) {
        ctx.warn(line, "expected a mount like `/path from volume (ro)`, got `" + quote_for_warning(text) + "`");
        return;
    }
    mount->line = ctx.evidence(line);
    if (ctx.has_room(ctx.container->container.mounts.size())) {
        ctx.container->container.mounts.push_back(*mount);
    }
}

void add_resource(DescribeContext& ctx, const PasteLine& line, std::string_view name, std::string_view quantity) {
    Container& c = ctx.container->container;
    auto& map = ctx.list == ContainerList::limits ? c.limits : c.requests;
    if (!ctx.has_room(map.size())) {
        return;
    }
    set_sorted_pair(map, name, quantity);
    if (ctx.list == ContainerList::limits && name == "memory") {
        c.memory_limit_cite = ctx.evidence(line);
    }
}

// `State:` twice in one container cannot be kubectl's output; it is a second container whose name
// line was lost (or two pastes run together), so the evidence is kept apart.
void open_state(DescribeContext& ctx, const PasteLine& line, const KeyValue& kv, bool last) {
    auto* slot = last ? &ctx.container->last : &ctx.container->current;
    if (*slot) {
        ctx.warn(line, "a second `" + std::string(kv.key) + ":` in " + container_label(ctx) +
                           "; taken as another container whose name line is missing");
        start_container(ctx, line, std::nullopt);
        slot = last ? &ctx.container->last : &ctx.container->current;
    }
    *slot = open_state_draft(ctx, line, kv.value);
    open_list(ctx, line, ContainerList::state);
    ctx.state_is_last = last;
}

}  // namespace

void start_container(DescribeContext& ctx, const PasteLine& line, OptText name) {
    finish_container(ctx);
    ContainerDraft draft;
    draft.container.name = name;
    draft.container.type = ctx.area == PodArea::containers ? ctx.section_type : ContainerType::app;
    if (ctx.area != PodArea::containers && !ctx.saw_container_section) {
        ++ctx.sectionless_containers;
    }
    draft.container.at = ctx.where(line);
    draft.indent = draft.container.name ? line.indent : -1;
    ctx.container = std::move(draft);
    ctx.list = ContainerList::none;
}

void finish_container(DescribeContext& ctx) {
    if (!ctx.container) {
        return;
    }
    close_env_value(ctx);
    finish_states(ctx, *ctx.container);
    // A container record is ~2 KB; a line repeating `State:` must not make millions of them.
    if (ctx.containers_kept >= k_max_containers_per_file) {
        ++ctx.dropped_items;
    } else if (ctx.has_room(ctx.pod().containers.size())) {
        ++ctx.containers_kept;
        ctx.pod().containers.push_back(std::move(ctx.container->container));
    }
    ctx.container.reset();
    ctx.list = ContainerList::none;
}

void handle_container_key(DescribeContext& ctx, const PasteLine& line, const KeyValue& kv, const KeyInfo& info) {
    Container& c = ctx.container->container;
    close_env_value(ctx);
    ctx.list = ContainerList::none;
    // kubectl prints limits and probes before these keys (formats.md §1.2), in every version.
    if (info.id == DescribeKey::environment || info.id == DescribeKey::env_from || info.id == DescribeKey::mounts) {
        c.spec_complete = true;
    }
    switch (info.id) {
    case DescribeKey::container_id:
        if (!is_none_value(kv.value)) {
            c.container_id = kv.value;
        }
        break;
    case DescribeKey::image:
        if (!is_none_value(kv.value)) {
            c.image = kv.value;
        }
        break;
    case DescribeKey::command:
    case DescribeKey::args: {
        open_list(ctx, line, info.id == DescribeKey::command ? ContainerList::command : ContainerList::args);
        // Only a collapsed paste puts elements after the key; its line breaks are gone, so words it is.
        auto& target = info.id == DescribeKey::command ? c.command : c.args;
        for (std::string_view word : split_words(kv.value)) {
            if (ctx.has_room(target.size())) {
                target.emplace_back(word);
            }
        }
        break;
    }
    case DescribeKey::state:
    case DescribeKey::last_state:
        open_state(ctx, line, kv, info.id == DescribeKey::last_state);
        break;
    case DescribeKey::ready:
        if (auto ready = parse_describe_bool(kv.value.substr(0, kv.value.find_first_of(" \t")))) {
            c.ready = ready;
            if (kv.value.find_first_of(" \t") != std::string_view::npos) {
                ctx.warn(line, "ignored the text after `Ready:  " + std::string(*ready ? "True" : "False") + "`");
            }
        } else {
            ctx.warn(line, "expected `True` or `False` after `Ready:`, got `" + quote_for_warning(kv.value) + "`");
        }
        break;
    case DescribeKey::restart_count: {
        LeadingInt count = parse_leading_int(kv.value);
        if (!count.value || *count.value < 0) {
            ctx.warn(line, "expected a restart count (an integer) after `Restart Count:`, got `" +
                               quote_for_warning(kv.value) + "`");
            break;
        }
        if (!count.rest.empty()) {
            ctx.warn(line, "ignored `" + quote_for_warning(count.rest) + "` after the restart count");
        }
        c.restart_count = count.value;
        c.restart_cite = ctx.evidence(line);
        break;
    }
    case DescribeKey::limits:
    case DescribeKey::requests:
        open_list(ctx, line, info.id == DescribeKey::limits ? ContainerList::limits : ContainerList::requests);
        for (const auto& [name, quantity] : parse_inline_pairs(kv.value)) {
            add_resource(ctx, line, name, quantity);
        }
        break;
    case DescribeKey::liveness:
    case DescribeKey::readiness:
    case DescribeKey::startup: {
        const Text kind = info.id == DescribeKey::liveness    ? "liveness"
                          : info.id == DescribeKey::readiness ? "readiness"
                                                              : "startup";
        if (ctx.has_room(c.probes.size())) {
            c.probes.push_back({kind, kv.value, ctx.evidence(line)});
        }
        break;
    }
    case DescribeKey::environment:
        open_list(ctx, line, ContainerList::environment);
        if (!is_none_value(kv.value)) {
            for (const auto& pair : parse_inline_pairs(kv.value)) {
                if (ctx.has_room(c.environment.size())) {
                    c.environment.push_back(pair);
                }
            }
        }
        break;
    case DescribeKey::mounts:
        open_list(ctx, line, ContainerList::mounts);
        for (std::string_view mount : split_inline_mounts(kv.value)) {
            add_mount(ctx, line, mount);
        }
        break;
    case DescribeKey::env_from:
        open_list(ctx, line, ContainerList::env_from);
        break;
    case DescribeKey::devices:
        open_list(ctx, line, ContainerList::devices);
        break;
    case DescribeKey::container_block:
    case DescribeKey::qos_class:  // ≤1.3 per-container `QoS Tier:` with `cpu: …` lines
        open_list(ctx, line, ContainerList::skipped);
        break;
    default:  // Image ID, ports, SeccompProfile, Restart Policy: recognised, not kept
        break;
    }
}

void handle_container_item(DescribeContext& ctx, const PasteLine& line, const KeyValue& kv) {
    Container& c = ctx.container->container;
    switch (ctx.list) {
    case ContainerList::command:
    case ContainerList::args: {
        auto& target = ctx.list == ContainerList::command ? c.command : c.args;
        if (ctx.has_room(target.size())) {
            target.emplace_back(line.text);
        }
        break;
    }
    case ContainerList::limits:
    case ContainerList::requests:
        if (!kv.has_key || kv.value.empty()) {
            ctx.warn(line, "expected `resource:  quantity` under `" +
                               std::string(ctx.list == ContainerList::limits ? "Limits" : "Requests") + ":`, got `" +
                               quote_for_warning(line.text) + "`");
            break;
        }
        add_resource(ctx, line, kv.key, kv.value);
        break;
    case ContainerList::environment:
        if (kv.has_key) {
            close_env_value(ctx);
            if (ctx.has_room(c.environment.size())) {
                c.environment.emplace_back(kv.key, kv.value);
            }
        } else if (!c.environment.empty()) {
            // A multi-line value continues at column 0; its lines are joined once it ends.
            ContainerDraft& draft = *ctx.container;
            if (!draft.env_open) {
                draft.env_tail.assign(c.environment.back().second);
                draft.env_open = true;
            }
            draft.env_tail += '\n';
            draft.env_tail += line.text;
        } else {
            ctx.warn(line, "expected `NAME:  value` under `Environment:`, got `" + quote_for_warning(line.text) + "`");
        }
        break;
    case ContainerList::mounts:
        add_mount(ctx, line, line.text);
        break;
    default:  // env_from, devices, skipped blocks: recognised, not kept
        break;
    }
}

}  // namespace pm
