// Real `kubectl describe pod` texts (every version podmortem reads) shared by the describe tests,
// and a SourceText builder that does not depend on the input loader.
#pragma once

#include <string>
#include <string_view>

#include "input/source_text.hpp"

namespace pm::test {

// Fills `file` the way load_source_text would for clean UTF-8: text kept, lines split on '\n'
// (CR left in place, so CRLF pastes reach the parser unnormalised).
inline void load_text(SourceText& file, std::string path, std::string_view text) {
    set_source_text(file, std::move(path), std::string(text));
}

// formats.md §1.5, first example, verbatim: current kubectl, OOM-killed container.
constexpr std::string_view k_current_oom = R"TXT(Name:             api-7d9f8b6c5d-x2kqp
Namespace:        prod
Priority:         0
Service Account:  default
Node:             worker-3/10.0.1.23
Start Time:       Tue, 27 Aug 2019 10:40:12 +0200
Labels:           app=api
                  pod-template-hash=7d9f8b6c5d
Annotations:      <none>
Status:           Running
IP:               10.244.2.17
IPs:
  IP:           10.244.2.17
Controlled By:  ReplicaSet/api-7d9f8b6c5d
Containers:
  api:
    Container ID:   containerd://4f1c0e9a7b2d
    Image:          registry.example/api:1.4.2
    Image ID:       registry.example/api@sha256:9a1e
    Port:           8080/TCP
    Host Port:      0/TCP
    State:          Running
      Started:      Tue, 27 Aug 2019 10:58:31 +0200
    Last State:     Terminated
      Reason:       OOMKilled
      Exit Code:    137
      Started:      Tue, 27 Aug 2019 10:51:02 +0200
      Finished:     Tue, 27 Aug 2019 10:58:27 +0200
    Ready:          True
    Restart Count:  3
    Limits:
      memory:  256Mi
    Requests:
      cpu:        100m
      memory:     256Mi
    Liveness:     http-get http://:8080/healthz delay=10s timeout=1s period=10s #success=1 #failure=3
    Environment:  <none>
    Mounts:
      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-8xk2p (ro)
Conditions:
  Type              Status
  Initialized       True 
  Ready             True 
  ContainersReady   True 
  PodScheduled      True 
Volumes:
  kube-api-access-8xk2p:
    Type:                    Projected (a volume that contains injected data from multiple sources)
    TokenExpirationSeconds:  3607
    ConfigMapName:           kube-root-ca.crt
    Optional:                false
    DownwardAPI:             true
QoS Class:                   Burstable
Node-Selectors:              <none>
Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s
                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s
Events:
  Type     Reason     Age                  From               Message
  ----     ------     ----                 ----               -------
  Normal   Scheduled  12m                  default-scheduler  Successfully assigned prod/api-7d9f8b6c5d-x2kqp to worker-3
  Normal   Pulled     4m3s (x4 over 12m)   kubelet            Container image "registry.example/api:1.4.2" already present on machine
  Warning  BackOff    61s (x9 over 7m40s)  kubelet            Back-off restarting failed container api in pod api-7d9f8b6c5d-x2kqp_prod(5b2c4f0e-1d2a-4c7e-9a51-0f3e2d1c9b77)
)TXT";

// formats.md §1.5, second example, verbatim: a fragment starting at `Containers:`, multi-line Message, StartError.
constexpr std::string_view k_excerpt_multiline = R"TXT(Containers:
  worker:
    Container ID:  containerd://9e0d51aa
    Image:         registry.example/worker:2.0
    Image ID:      registry.example/worker@sha256:77c1
    Port:          <none>
    Host Port:     <none>
    State:         Waiting
      Reason:      CrashLoopBackOff
    Last State:    Terminated
      Reason:      Error
      Message:     panic: runtime error: invalid memory address or nil pointer dereference

goroutine 1 [running]:
main.main()
                    /app/main.go:12 +0x1d
      Exit Code:    2
      Started:      Tue, 27 Aug 2019 10:57:58 +0200
      Finished:     Tue, 27 Aug 2019 10:57:59 +0200
    Ready:          False
    Restart Count:  6
  init-db:
    Container ID:  containerd://1b7f3c20
    Image:         busybox:1.36
    Image ID:      docker.io/library/busybox@sha256:3fbc
    Port:          <none>
    Host Port:     <none>
    Command:
      /bin/migrate
    State:          Waiting
      Reason:       RunContainerError
    Last State:     Terminated
      Reason:       StartError
      Message:      failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "/bin/migrate": stat /bin/migrate: no such file or directory: unknown
      Exit Code:    128
      Started:      Thu, 01 Jan 1970 01:00:00 +0100
      Finished:     Tue, 27 Aug 2019 10:58:02 +0200
    Ready:          False
    Restart Count:  2
)TXT";

// kubectl <=1.5 (tab padding): Controllers, resources before state, Last Termination State, Volume Mounts, Environment Variables, No events.
constexpr std::string_view k_kubectl_15 =
    "Name:\t\tweb-1\n"
    "Namespace:\tdefault\n"
    "Node:\t\tnode-a/10.240.0.9\n"
    "Start Time:\tThu, 24 Mar 2016 01:39:49 +0000\n"
    "Labels:\t\tapp=web,pod-template-hash=1006230814\n"
    "Status:\t\tRunning\n"
    "IP:\t\t10.244.0.6\n"
    "Controllers:\tReplicaSet/web-1006230814\n"
    "Containers:\n"
    "  web:\n"
    "    Container ID:\tdocker://90315cc9f513\n"
    "    Image:\t\tnginx:1.9\n"
    "    Image ID:\t\tdocker://6f62f48c4e55\n"
    "    Port:\t\t80/TCP\n"
    "    Limits:\n"
    "      memory:\t128Mi\n"
    "    Requests:\n"
    "      cpu:\t\t\t100m\n"
    "      memory:\t\t\t128Mi\n"
    "    State:\t\t\tRunning\n"
    "      Started:\t\t\tThu, 24 Mar 2016 01:45:02 +0000\n"
    "    Last Termination State:\tTerminated\n"
    "      Reason:\t\t\tOOMKilled\n"
    "      Exit Code:\t\t137\n"
    "      Started:\t\t\tThu, 24 Mar 2016 01:39:51 +0000\n"
    "      Finished:\t\t\tThu, 24 Mar 2016 01:44:58 +0000\n"
    "    Ready:\t\t\tTrue\n"
    "    Restart Count:\t\t1\n"
    "    Volume Mounts:\n"
    "      /etc/nginx/conf.d from nginx-conf (ro)\n"
    "    Environment Variables:\n"
    "      WORKERS:\t4\n"
    "Conditions:\n"
    "  Type\t\tStatus\n"
    "  Ready \tTrue \n"
    "Volumes:\n"
    "  nginx-conf:\n"
    "    Type:\tConfigMap (a volume populated by a ConfigMap)\n"
    "    Name:\tnginx-conf\n"
    "QoS Class:\tBurstable\n"
    "No events.\n";

// kubectl 1.7 (tab padding, before #51748): Controlled By, Mounts, tab-led continuation lines, Events:\t<none>.
constexpr std::string_view k_kubectl_17 =
    "Name:\t\tapi-5c7b9-4kq2x\n"
    "Namespace:\tprod\n"
    "Node:\t\tnode-b/10.0.0.12\n"
    "Start Time:\tMon, 02 Oct 2017 09:12:44 +0200\n"
    "Labels:\t\tapp=api\n"
    "\t\tpod-template-hash=5c7b9\n"
    "Annotations:\tkubernetes.io/created-by={\"kind\":\"SerializedReference\",\"apiVersion\":\"v1\",\"reference\":{\"kind\":\"ReplicaSet\",\"namespace\":\"prod\",\"name\":\"api-5c7b9\"}}\n"
    "Status:\t\tRunning\n"
    "IP:\t\t10.244.3.9\n"
    "Created By:\tReplicaSet/api-5c7b9\n"
    "Controlled By:\tReplicaSet/api-5c7b9\n"
    "Containers:\n"
    "  api:\n"
    "    Container ID:\tdocker://c1d2e3f4a5b6\n"
    "    Image:\t\tregistry.example/api:0.9\n"
    "    Image ID:\t\tdocker-pullable://registry.example/api@sha256:aa11\n"
    "    Port:\t\t8080/TCP\n"
    "    State:\t\tWaiting\n"
    "      Reason:\t\tCrashLoopBackOff\n"
    "    Last State:\t\tTerminated\n"
    "      Reason:\t\tError\n"
    "      Exit Code:\t1\n"
    "      Started:\t\tMon, 02 Oct 2017 09:20:01 +0200\n"
    "      Finished:\t\tMon, 02 Oct 2017 09:20:03 +0200\n"
    "    Ready:\t\tFalse\n"
    "    Restart Count:\t5\n"
    "    Limits:\n"
    "      memory:\t512Mi\n"
    "    Requests:\n"
    "      cpu:\t250m\n"
    "      memory:\t256Mi\n"
    "    Liveness:\thttp-get http://:8080/healthz delay=5s timeout=1s period=10s #success=1 #failure=3\n"
    "    Environment:\n"
    "      LOG_LEVEL:\tdebug\n"
    "    Mounts:\n"
    "      /etc/api from config (ro)\n"
    "      /var/run/secrets/kubernetes.io/serviceaccount from default-token-7xk2p (ro)\n"
    "Conditions:\n"
    "  Type\t\tStatus\n"
    "  Initialized \tTrue \n"
    "  Ready \tFalse \n"
    "  PodScheduled \tTrue \n"
    "Volumes:\n"
    "  config:\n"
    "    Type:\tConfigMap (a volume populated by a ConfigMap)\n"
    "    Name:\tapi-config\n"
    "    Optional:\tfalse\n"
    "  default-token-7xk2p:\n"
    "    Type:\tSecret (a volume populated by a Secret)\n"
    "    SecretName:\tdefault-token-7xk2p\n"
    "    Optional:\tfalse\n"
    "QoS Class:\tBurstable\n"
    "Node-Selectors:\t<none>\n"
    "Tolerations:\tnode.alpha.kubernetes.io/notReady:NoExecute for 300s\n"
    "\t\tnode.alpha.kubernetes.io/unreachable:NoExecute for 300s\n"
    "Events:\t\t<none>\n";

// Current kubectl: init, app and ephemeral containers, probes, env, sub-path mount.
constexpr std::string_view k_init_app_ephemeral = R"TXT(Name:             shop-5f6d7c8b9-q4w2e
Namespace:        shop
Priority:         0
Service Account:  shop
Node:             worker-2/10.0.1.22
Start Time:       Wed, 12 Jun 2024 08:00:05 +0000
Labels:           app=shop
                  pod-template-hash=5f6d7c8b9
Annotations:      <none>
Status:           Running
IP:               10.244.1.30
IPs:
  IP:           10.244.1.30
Controlled By:  ReplicaSet/shop-5f6d7c8b9
Init Containers:
  migrate:
    Container ID:  containerd://aa01
    Image:         registry.example/shop-migrate:3.1
    Image ID:      registry.example/shop-migrate@sha256:0a0a
    Port:          <none>
    Host Port:     <none>
    Command:
      /bin/sh
      -c
      /app/migrate --to latest
    State:          Terminated
      Reason:       Completed
      Exit Code:    0
      Started:      Wed, 12 Jun 2024 08:00:07 +0000
      Finished:     Wed, 12 Jun 2024 08:00:09 +0000
    Ready:          True
    Restart Count:  0
    Environment:    <none>
    Mounts:         <none>
Containers:
  shop:
    Container ID:  containerd://bb02
    Image:         registry.example/shop:3.1
    Image ID:      registry.example/shop@sha256:0b0b
    Port:          8080/TCP
    Host Port:     0/TCP
    Args:
      --port=8080
      --config=/etc/shop/app.yaml
    State:          Running
      Started:      Wed, 12 Jun 2024 08:14:41 +0000
    Last State:     Terminated
      Reason:       Error
      Exit Code:    143
      Started:      Wed, 12 Jun 2024 08:00:10 +0000
      Finished:     Wed, 12 Jun 2024 08:14:39 +0000
    Ready:          True
    Restart Count:  1
    Limits:
      cpu:     500m
      memory:  512Mi
    Requests:
      cpu:      250m
      memory:   512Mi
    Liveness:   http-get http://:8080/healthz delay=0s timeout=1s period=10s #success=1 #failure=3
    Readiness:  tcp-socket :8080 delay=5s timeout=1s period=5s #success=1 #failure=3
    Startup:    exec [cat /tmp/ready] delay=0s timeout=1s period=2s #success=1 #failure=30
    Environment:
      SHOP_MODE:    production
      DB_PASSWORD:  <set to the key 'password' in secret 'shop-db'>  Optional: false
    Mounts:
      /etc/shop/app.yaml from config (ro,path="app.yaml")
      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-5x8kq (ro)
Ephemeral Containers:
  debugger-7xq2k:
    Container ID:  containerd://cc03
    Image:         busybox:1.36
    Image ID:      docker.io/library/busybox@sha256:3fbc
    Port:          <none>
    Host Port:     <none>
    Command:
      sh
    State:          Terminated
      Reason:       Error
      Exit Code:    130
      Started:      Wed, 12 Jun 2024 08:20:00 +0000
      Finished:     Wed, 12 Jun 2024 08:21:13 +0000
    Ready:          False
    Restart Count:  0
    Environment:    <none>
    Mounts:         <none>
Conditions:
  Type                        Status
  PodReadyToStartContainers   True 
  Initialized                 True 
  Ready                       True 
  ContainersReady             True 
  PodScheduled                True 
Volumes:
  config:
    Type:      ConfigMap (a volume populated by a ConfigMap)
    Name:      shop-config
    Optional:  false
  kube-api-access-5x8kq:
    Type:                    Projected (a volume that contains injected data from multiple sources)
    TokenExpirationSeconds:  3607
    ConfigMapName:           kube-root-ca.crt
    Optional:                false
    DownwardAPI:             true
QoS Class:                   Burstable
Node-Selectors:              <none>
Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s
                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s
Events:                      <none>
)TXT";

// The seed guide's `kubectl describe pod` paste, verbatim (indentation lost; guide lines 21-41).
constexpr std::string_view k_seed_lost_indent = R"TXT(Containers:
kubedns:
Container ID: docker://5fb8adf9ee62afc6d3f6f3d9590041818750b392dff015d7091eaaf99cf1c945
Image: ccr.ccs.tencentyun.com/library/kubedns-amd64:1.14.4
Image ID: docker-pullable://ccr.ccs.tencentyun.com/library/kubedns-amd64@sha256:40790881bbe9ef4ae4ff7fe8b892498eecb7fe6dcc22661402f271e03f7de344
Ports: 10053/UDP, 10053/TCP, 10055/TCP
Host Ports: 0/UDP, 0/TCP, 0/TCP
Args:
--domain=cluster.local.
--dns-port=10053
--config-dir=/kube-dns-config
--v=2
State: Running
Started: Tue, 27 Aug 2019 10:58:49 +0800
Last State: Terminated
Reason: Error
Exit Code: 255
Started: Tue, 27 Aug 2019 10:40:42 +0800
Finished: Tue, 27 Aug 2019 10:58:27 +0800
Ready: True
Restart Count: 1
)TXT";

// The seed guide's subPath paste, verbatim: a lone Last State block, only its first line indented (guide lines 176-179).
constexpr std::string_view k_seed_last_state = R"TXT(    Last State:     Terminated
Reason: StartError
Message: failed to create containerd task: OCI runtime create failed: container_linux.go:349: starting container process caused "process_linux.go:449: container init caused \"rootfs_linux.go:58: mounting \\\"/data/kubelet/pods/d6f90d2b-a5c4-11ec-8b09-5254009e5e2e/volume-subpaths/conf/demo-container/2\\\" to rootfs \\\"/run/containerd/io.containerd.runtime.v2.task/k8s.io/f28499d3c81b145ef2e88c31adaade0466ef71cee537377a439bad36707a7e3e/rootfs\\\" at \\\"/run/containerd/io.containerd.runtime.v2.task/k8s.io/f28499d3c81b145ef2e88c31adaade0466ef71cee537377a439bad36707a7e3e/rootfs/app/conf/server.yaml\\\" caused \\\"no such file or directory\\\"\"": unknown
Exit Code: 128
)TXT";

}  // namespace pm::test
