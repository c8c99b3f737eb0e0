// Pod-level fields and blocks of a describe record (header, Labels, IPs, Conditions, Volumes, …).
#include "readers/describe/describe_sections.hpp"

#include <algorithm>

#include "readers/describe/describe_container.hpp"
#include "readers/describe/describe_values.hpp"

namespace pm {

namespace {

void set_pod_time(DescribeContext& ctx, const PasteLine& line, const KeyValue& kv, OptTime& slot) {
    DescribeTime time = parse_describe_time(kv.value);
    if (!time.parsed) {
        ctx.warn(line, "expected a time like `Mon, 02 Jan 2006 15:04:05 -0700` after `" + std::string(kv.key) +
                           ":`, got `" + quote_for_warning(kv.value) + "`");
        return;
    }
    if (time.had_note) {
        ctx.warn(line, "ignored the text after the time in `" + quote_for_warning(kv.value) + "`");
    }
    slot = time.parsed->time;
}

void add_condition(DescribeContext& ctx, const PasteLine& line, std::string_view text) {
    if (auto row = parse_condition_row(text)) {
        if (ctx.has_room(ctx.pod().conditions.size())) {
            ctx.pod().conditions.push_back(*row);
        }
        return;
    }
    if (text.substr(0, 4) != "Type") {
        ctx.warn(line, "expected a condition row like `Ready   True`, got `" + quote_for_warning(text) + "`");
    }
}

// A collapsed `Conditions: Type Status Initialized True Ready True …` value.
void add_inline_conditions(DescribeContext& ctx, std::string_view value) {
    std::vector<std::string_view> words = split_words(value);
    size_t k = words.size() >= 2 && words[0] == "Type" && words[1] == "Status" ? 2 : 0;
    for (; k + 1 < words.size() && ctx.has_room(ctx.pod().conditions.size()); k += 2) {
        ctx.pod().conditions.emplace_back(words[k], words[k + 1]);
    }
}

void add_labels(DescribeContext& ctx, std::string_view text) {
    for (const auto& label : parse_labels(text)) {
        if (!ctx.has_room(ctx.pod().labels.size())) {
            return;
        }
        ctx.pod().labels.push_back(label);
    }
}

void handle_volume_line(DescribeContext& ctx, const PasteLine& line, const KeyValue& kv, const KeyInfo* info,
                        bool names_volume) {
    Pod& pod = ctx.pod();
    if (!kv.has_key) {
        ctx.warn(line, "expected a volume name (`name:`) or a volume field (`Type:  …`), got `" +
                           quote_for_warning(line.text) + "`");
        return;
    }
    if (kv.value.empty() && (names_volume || info == nullptr)) {
        if (ctx.has_room(pod.volumes.size())) {
            pod.volumes.push_back({kv.key, "", std::nullopt, ctx.where(line)});
        }
        return;
    }
    if (pod.volumes.empty()) {
        ctx.warn(line, "a volume field before any volume name: `" + quote_for_warning(line.text) + "`");
        return;
    }
    Volume& volume = pod.volumes.back();
    if (kv.key == "Type") {
        volume.type = volume_type_of(kv.value);
    } else if ((kv.key == "Name" || kv.key == "SecretName") && !kv.value.empty()) {
        volume.object_name = kv.value;
    }
}

}  // namespace

void start_pod(DescribeContext& ctx, const PasteLine& line, bool named) {
    finish_pod(ctx);
    ctx.pods.emplace_back();
    ctx.pod().at = ctx.where(line);
    ctx.pod_open = true;
    ctx.pod_named = named;
    ctx.saw_events = false;
    ctx.area = PodArea::none;
    ctx.area_indent = 0;
    ctx.section_type = ContainerType::app;
    ctx.saw_container_section = false;
    ctx.sectionless_containers = 0;
    ctx.list = ContainerList::none;
}

void finish_pod(DescribeContext& ctx) {
    if (!ctx.pod_open) {
        return;
    }
    finish_container(ctx);
    auto& containers = ctx.pod().containers;
    auto is_init = [](const Container& c) { return c.type == ContainerType::init; };
    if (!std::is_partitioned(containers.begin(), containers.end(), is_init)) {
        std::stable_partition(containers.begin(), containers.end(), is_init);
    }
    if (ctx.pod_named && !ctx.saw_events && ctx.last_line < ctx.lines.size()) {
        const PasteLine& last = ctx.lines[ctx.last_line];
        bool mid_line = last.line + 1 == ctx.file.lines.size() && !ctx.file.text.empty() && ctx.file.text.back() != '\n';
        ctx.warn(last, mid_line ? "the description stops in the middle of a line, before `Events:`; the text looks cut "
                                  "short and its last value may be incomplete"
                                : "the description stops before `Events:`; the text looks cut short (or events were "
                                  "not printed)");
    }
    ctx.pod_open = false;
    ctx.area = PodArea::none;
}

void handle_pod_key(DescribeContext& ctx, const PasteLine& line, const KeyValue& kv, const KeyInfo& info) {
    finish_container(ctx);
    ctx.area = PodArea::none;
    ctx.area_indent = line.indent;
    Pod& pod = ctx.pod();
    const Text value = kv.value;
    switch (info.id) {
    case DescribeKey::name:
        if (pod.name && *pod.name != value) {
            ctx.warn(line, "a second pod `Name:` without `Namespace:` after it; kept `" + std::string(*pod.name) + "`");
        } else if (!value.empty()) {
            pod.name = value;
        }
        break;
    case DescribeKey::namespace_:
        if (!value.empty()) {
            pod.namespace_ = value;
        }
        break;
    case DescribeKey::node:
        pod.node = node_name_of(value);
        break;
    case DescribeKey::start_time:
        set_pod_time(ctx, line, kv, pod.start_time);
        break;
    case DescribeKey::labels:
        ctx.area = PodArea::labels;
        add_labels(ctx, value);
        break;
    case DescribeKey::annotations:
        ctx.area = PodArea::annotations;
        break;
    case DescribeKey::status:
        pod.status = pod_phase_of(value);
        pod.status_cite = ctx.evidence(line);
        break;
    case DescribeKey::reason:
        pod.reason = value;
        pod.reason_cite = ctx.evidence(line);
        break;
    case DescribeKey::ips:
        ctx.area = PodArea::ips;
        break;
    case DescribeKey::controlled_by:
        if (!is_none_value(value)) {
            pod.controlled_by = value;
        }
        break;
    case DescribeKey::init_containers:
    case DescribeKey::containers:
    case DescribeKey::ephemeral_containers:
        if (info.id == DescribeKey::containers && !ctx.saw_container_section && ctx.sectionless_containers > 0) {
            // A fragment cut above `Init Containers:`: what came before `Containers:` was an init container.
            finish_container(ctx);
            auto& containers = pod.containers;
            const size_t n = std::min(ctx.sectionless_containers, containers.size());
            for (size_t k = containers.size() - n; k < containers.size(); ++k) {
                containers[k].type = ContainerType::init;
            }
            ctx.warn(line, "the text starts inside a container block with no section header; it comes before "
                           "`Containers:`, so it is taken as an init container");
        }
        ctx.saw_container_section = true;
        ctx.area = PodArea::containers;
        ctx.section_type = info.id == DescribeKey::init_containers        ? ContainerType::init
                           : info.id == DescribeKey::ephemeral_containers ? ContainerType::ephemeral
                                                                          : ContainerType::app;
        break;
    case DescribeKey::conditions:
        ctx.area = PodArea::conditions;
        add_inline_conditions(ctx, value);
        break;
    case DescribeKey::volumes:
        ctx.area = PodArea::volumes;
        break;
    case DescribeKey::qos_class:
        if (!value.empty()) {
            pod.qos_class = value;
        }
        break;
    case DescribeKey::pod_block:
        ctx.area = kv.key == "Resources" ? PodArea::pod_resources : PodArea::skipped;
        break;
    default:  // Priority, IP, Service Account, …: recognised, not kept
        break;
    }
}

bool is_pod_area_item(const DescribeContext& ctx, const PasteLine& line, const KeyValue& kv, const KeyInfo* info) {
    bool deeper = line.indent > ctx.area_indent;
    switch (ctx.area) {
    case PodArea::labels:
    case PodArea::conditions:
        return deeper || !kv.has_key;
    case PodArea::annotations:
    case PodArea::skipped:
        return deeper || info == nullptr;
    case PodArea::ips:
        return deeper || (info != nullptr && info->id == DescribeKey::ip);
    case PodArea::volumes:
        return deeper || info == nullptr || (info->scopes & k_scope_volume) != 0;
    case PodArea::pod_resources:
        return deeper || info == nullptr || info->id == DescribeKey::limits || info->id == DescribeKey::requests;
    default:
        return false;
    }
}

void handle_pod_area_item(DescribeContext& ctx, const PasteLine& line, const KeyValue& kv, const KeyInfo* info,
                          bool names_volume) {
    switch (ctx.area) {
    case PodArea::labels:
        add_labels(ctx, line.text);
        break;
    case PodArea::conditions:
        add_condition(ctx, line, line.text);
        break;
    case PodArea::volumes:
        handle_volume_line(ctx, line, kv, info, names_volume);
        break;
    default:  // annotations, IPs, tolerations and the like: recognised, not kept
        break;
    }
}

}  // namespace pm
