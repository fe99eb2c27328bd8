/// The `slurm.conf` of a test cluster: one node (this machine, at 127.0.0.1), one partition
/// `debug`, every file under one directory, no systemd, cgroups or accounting. Steps are
/// tracked by process group (`proctrack/pgid`): `proctrack/linuxproc` follows parent links,
/// so a command whose shell was killed first (`sh -c "sleep 300; ..."`) left its `sleep`,
/// reparented, beyond Slurm's reach.
package struct SlurmClusterConfig {
    /// The directory holding the cluster's files.
    package var directory: String
    /// The `munged` socket Slurm authenticates through.
    package var mungeSocket: String
    /// This machine's short host name (the controller's and the node's name).
    package var host: String
    /// The node's line as `slurmd -C` prints it (`NodeName=... CPUs=... RealMemory=...`).
    package var nodeLine: String
    package var controllerPort: Int
    package var nodePort: Int

    package var path: String { directory + "/slurm.conf" }

    package var text: String {
        """
        ClusterName=scouttest
        SlurmctldHost=\(host)(127.0.0.1)
        AuthType=auth/munge
        AuthInfo=socket=\(mungeSocket)
        CredType=cred/munge
        ProctrackType=proctrack/pgid
        TaskPlugin=task/none
        SelectType=select/cons_tres
        SelectTypeParameters=CR_Core
        JobAcctGatherType=jobacct_gather/none
        AccountingStorageType=accounting_storage/none
        JobCompType=jobcomp/none
        MpiDefault=none
        SchedulerParameters=batch_sched_delay=0,sched_interval=1
        EnforcePartLimits=ALL
        MinJobAge=5
        ReturnToService=2
        SlurmUser=root
        SlurmdUser=root
        StateSaveLocation=\(directory)/state
        SlurmdSpoolDir=\(directory)/spool
        SlurmctldPidFile=\(directory)/slurmctld.pid
        SlurmdPidFile=\(directory)/slurmd.pid
        SlurmctldLogFile=\(directory)/log/slurmctld.log
        SlurmdLogFile=\(directory)/log/slurmd.log
        SlurmctldPort=\(controllerPort)
        SlurmdPort=\(nodePort)
        \(nodeLine) NodeAddr=127.0.0.1
        PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP OverSubscribe=FORCE:8

        """
    }
}
