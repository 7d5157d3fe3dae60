package io.gmmflow.solvers;

import java.util.Arrays;

/**
 * Primal network simplex for the transportation problem min &lt;pi, C&gt; s.t. pi 1 = a,
 * pi^T 1 = b, pi >= 0 on the complete bipartite graph: node i (0 <= i < n) is source i with supply
 * a_i, node n + j is sink j with demand b_j, arc e = i m + j goes from i to n + j with cost C_ij and
 * no capacity.
 *
 * <p>The spanning-tree basis is stored as in LEMON's {@code NetworkSimplex} (parent, predecessor arc
 * and its direction, preorder thread and its reverse, subtree sizes, last successor), so that a pivot
 * costs O(length of the cycle + size of the moved subtree). Pricing is LEMON's block search: scan
 * blocks of about sqrt(n m) arcs cyclically and enter the most negative reduced cost of the first
 * block that has one. Differences from LEMON, and why:
 * <ul>
 * <li>No artificial root and artificial arcs: the first basis is the north-west-corner solution, a
 * spanning tree of real arcs rooted at source 0. Node potentials are then differences of real
 * costs only (no big-M offset), which keeps the dual certificate accurate to ~1e-15 relative.
 * Exhausted rows advance first on ties, so every zero-flow tree arc points towards the root: the
 * first tree is strongly feasible, and the leaving-arc rule below (the last blocking arc of the
 * cycle, walked from the join node in the direction of the flow change) keeps it so, which rules out
 * cycling in degenerate problems (Cunningham 1976; Ahuja, Magnanti, Orlin, Network Flows, 11.5).</li>
 * <li>Pricing uses a tolerance of 1e-12 max C, and when no arc prices out the potentials are
 * recomputed from the tree (removing the drift of incremental updates) and priced once more.</li>
 * </ul>
 * Not thread-safe: one instance per solve.
 */
final class NetworkSimplex {

    private static final int UP = 1;
    private static final int DOWN = -1;

    private final int n;
    private final int m;
    private final int nodeCount;
    private final int arcCount;
    private final double[] cost;
    private final double[] flow;
    private final boolean[] inTree;

    private final int[] parent;
    private final int[] pred;
    private final int[] predDir;
    private final int[] thread;
    private final int[] revThread;
    private final int[] succNum;
    private final int[] lastSucc;
    private final double[] pi;
    private final int[] dirtyRevs;

    private final int blockSize;
    private final double pivotTolerance;
    private final double[] supply;
    private int nextArc;

    private int inArc;
    private int join;
    private int uIn;
    private int vIn;
    private int uOut;
    private double delta;

    /** Pivots done so far. */
    long pivots;
    /** Whether {@link #run} found an optimal basis. */
    boolean optimal;

    /**
     * @param a    positive supplies, length n
     * @param b    positive demands, length m, with the same total as a (to round-off)
     * @param cost row-major n x m costs, finite
     */
    NetworkSimplex(double[] a, double[] b, double[] cost) {
        this.n = a.length;
        this.m = b.length;
        if ((long) n * m > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("emd supports at most 2^31 - 1 arcs, got " + n + " x " + m);
        }
        this.nodeCount = n + m;
        this.arcCount = n * m;
        this.cost = cost;
        this.flow = new double[arcCount];
        this.inTree = new boolean[arcCount];
        this.parent = new int[nodeCount];
        this.pred = new int[nodeCount];
        this.predDir = new int[nodeCount];
        this.thread = new int[nodeCount];
        this.revThread = new int[nodeCount];
        this.succNum = new int[nodeCount];
        this.lastSucc = new int[nodeCount];
        this.pi = new double[nodeCount];
        this.dirtyRevs = new int[nodeCount];
        this.blockSize = Math.max(10, (int) Math.ceil(Math.sqrt(arcCount)));
        double maxCost = 0;
        for (double c : cost) {
            maxCost = Math.max(maxCost, Math.abs(c));
        }
        this.pivotTolerance = 1e-12 * maxCost;
        this.supply = new double[nodeCount];
        for (int i = 0; i < n; i++) {
            supply[i] = a[i];
        }
        for (int j = 0; j < m; j++) {
            supply[n + j] = -b[j];
        }
        northWestCorner(a, b);
    }

    // ---- initial basis ----------------------------------------------------------------------

    private void northWestCorner(double[] a, double[] b) {
        double[] ra = a.clone();
        double[] rb = b.clone();
        parent[0] = -1;
        pred[0] = -1;
        int i = 0;
        int j = 0;
        attach(n, 0, 0, DOWN);
        while (true) {
            int e = i * m + j;
            // The last column takes each remaining row whole and the last row each remaining column
            // whole: round-off in the masses then only perturbs the last sums, and never leaves a
            // zero-flow arc pointing away from the root.
            double x = j == m - 1 ? ra[i] : i == n - 1 ? rb[j] : Math.min(ra[i], rb[j]);
            flow[e] = x;
            ra[i] -= x;
            rb[j] -= x;
            if (i == n - 1 && j == m - 1) {
                break;
            }
            // Advance the row when it is exhausted, also on a tie (row and column both exhausted): the
            // new arc (i + 1, j) joins source i + 1 to its parent, sink j, so a zero flow on it points
            // towards the root, and the first tree is strongly feasible. A column advance happens only
            // while the row has mass left, so the new arc (i, j + 1) carries positive flow.
            if (i < n - 1 && (j == m - 1 || ra[i] <= 0)) {
                i++;
                attach(i, n + j, i * m + j, UP);
            } else {
                j++;
                attach(n + j, i, i * m + j, DOWN);
            }
        }
        rebuildThread();
        recomputePotentials();
    }

    private void attach(int node, int par, int arc, int dir) {
        parent[node] = par;
        pred[node] = arc;
        predDir[node] = dir;
        inTree[arc] = true;
    }

    /** thread, revThread, succNum, lastSucc from the parent pointers, by an iterative preorder walk. */
    private void rebuildThread() {
        int[] childStart = new int[nodeCount + 1];
        for (int u = 1; u < nodeCount; u++) {
            childStart[parent[u] + 1]++;
        }
        for (int u = 0; u < nodeCount; u++) {
            childStart[u + 1] += childStart[u];
        }
        int[] children = new int[Math.max(1, nodeCount - 1)];
        int[] fill = Arrays.copyOf(childStart, nodeCount);
        for (int u = 0; u < nodeCount; u++) {
            if (parent[u] >= 0) {
                children[fill[parent[u]]++] = u;
            }
        }
        int[] order = new int[nodeCount];
        int[] stack = new int[nodeCount];
        int sp = 0;
        int k = 0;
        stack[sp++] = 0;
        while (sp > 0) {
            int u = stack[--sp];
            order[k++] = u;
            for (int c = childStart[u + 1] - 1; c >= childStart[u]; c--) {
                stack[sp++] = children[c];
            }
        }
        if (k != nodeCount) {
            throw new IllegalStateException("initial basis is not a spanning tree");
        }
        int[] pos = new int[nodeCount];
        for (int p = 0; p < nodeCount; p++) {
            pos[order[p]] = p;
            thread[order[p]] = order[(p + 1) % nodeCount];
            revThread[order[(p + 1) % nodeCount]] = order[p];
            succNum[order[p]] = 1;
        }
        for (int p = nodeCount - 1; p > 0; p--) {
            succNum[parent[order[p]]] += succNum[order[p]];
        }
        for (int u = 0; u < nodeCount; u++) {
            lastSucc[u] = order[pos[u] + succNum[u] - 1];
        }
    }

    /** pi(root) = 0 and reduced cost 0 on every tree arc, walking the tree in thread order. */
    void recomputePotentials() {
        pi[0] = 0;
        for (int u = thread[0]; u != 0; u = thread[u]) {
            int e = pred[u];
            pi[u] = predDir[u] == UP ? pi[parent[u]] - cost[e] : pi[parent[u]] + cost[e];
        }
    }

    // ---- main loop --------------------------------------------------------------------------

    /**
     * Pivots until optimal or {@code maxPivots} pivots are done.
     *
     * @param verify check every basis invariant after each pivot (tests only; O(n m) per pivot)
     */
    void run(long maxPivots, boolean verify) {
        long sinceRefresh = 0;
        while (true) {
            if (!findEnteringArc()) {
                recomputePotentials();
                sinceRefresh = 0;
                if (!findEnteringArc()) {
                    optimal = true;
                    return;
                }
            }
            if (pivots >= maxPivots) {
                return;
            }
            findJoinNode();
            if (!findLeavingArc()) {
                throw new IllegalStateException("unbounded cycle in a transportation problem (internal error)");
            }
            changeFlow();
            updateTreeStructure();
            updatePotential();
            pivots++;
            if (++sinceRefresh >= nodeCount) {
                // The incremental potential updates drift by round-off; a refresh costs one pivot.
                recomputePotentials();
                sinceRefresh = 0;
            }
            if (verify) {
                verifyBasis();
            }
        }
    }

    private boolean findEnteringArc() {
        double min = -pivotTolerance;
        int best = -1;
        int cnt = blockSize;
        int e = nextArc;
        int i = e / m;
        int j = e - i * m;
        double pu = pi[i];
        for (int scanned = 0; scanned < arcCount; scanned++) {
            if (!inTree[e]) {
                double rc = cost[e] + pu - pi[n + j];
                if (rc < min) {
                    min = rc;
                    best = e;
                }
            }
            e++;
            if (++j == m) {
                j = 0;
                if (++i == n) {
                    i = 0;
                    e = 0;
                }
                pu = pi[i];
            }
            if (--cnt == 0) {
                if (best >= 0) {
                    break;
                }
                cnt = blockSize;
            }
        }
        if (best < 0) {
            return false;
        }
        nextArc = e;
        inArc = best;
        return true;
    }

    private int source(int e) {
        return e / m;
    }

    private int target(int e) {
        return n + e % m;
    }

    private void findJoinNode() {
        int u = source(inArc);
        int v = target(inArc);
        while (u != v) {
            if (succNum[u] < succNum[v]) {
                u = parent[u];
            } else {
                v = parent[v];
            }
        }
        join = u;
    }

    /**
     * The leaving arc: the blocking arc of the cycle closed by the entering arc that comes last when
     * the cycle is walked from the join node in the direction of the flow change (strict comparison on
     * the first half, non-strict on the second). Flow is pushed source -> target along the entering arc.
     */
    private boolean findLeavingArc() {
        int first = source(inArc);
        int second = target(inArc);
        delta = Double.POSITIVE_INFINITY;
        int result = 0;
        for (int u = first; u != join; u = parent[u]) {
            // Flow runs parent -> u here: it decreases on an arc u -> parent.
            double d = predDir[u] == UP ? flow[pred[u]] : Double.POSITIVE_INFINITY;
            if (d < delta) {
                delta = d;
                uOut = u;
                result = 1;
            }
        }
        for (int u = second; u != join; u = parent[u]) {
            // Flow runs u -> parent here: it decreases on an arc parent -> u.
            double d = predDir[u] == DOWN ? flow[pred[u]] : Double.POSITIVE_INFINITY;
            if (d <= delta) {
                delta = d;
                uOut = u;
                result = 2;
            }
        }
        if (result == 1) {
            uIn = first;
            vIn = second;
        } else {
            uIn = second;
            vIn = first;
        }
        return result != 0 && delta < Double.POSITIVE_INFINITY;
    }

    private void changeFlow() {
        if (delta > 0) {
            flow[inArc] += delta;
            for (int u = source(inArc); u != join; u = parent[u]) {
                flow[pred[u]] -= predDir[u] * delta;
            }
            for (int u = target(inArc); u != join; u = parent[u]) {
                flow[pred[u]] += predDir[u] * delta;
            }
        }
        inTree[inArc] = true;
        int out = pred[uOut];
        inTree[out] = false;
        flow[out] = 0.0;
    }

    /**
     * Replaces the leaving arc (pred of uOut) by the entering arc: the subtree hanging at uOut is
     * re-hung at vIn through uIn, reversing the stem uIn .. uOut, and the thread, subtree sizes and
     * last successors are patched along the two paths to the join node only.
     */
    private void updateTreeStructure() {
        int oldRevThread = revThread[uOut];
        int oldSuccNum = succNum[uOut];
        int oldLastSucc = lastSucc[uOut];
        int vOut = parent[uOut];

        if (uIn == uOut) {
            parent[uIn] = vIn;
            pred[uIn] = inArc;
            predDir[uIn] = uIn == source(inArc) ? UP : DOWN;
            if (thread[vIn] != uOut) {
                // Move the subtree's thread segment to just after vIn.
                int after = thread[oldLastSucc];
                thread[oldRevThread] = after;
                revThread[after] = oldRevThread;
                after = thread[vIn];
                thread[vIn] = uOut;
                revThread[uOut] = vIn;
                thread[oldLastSucc] = after;
                revThread[after] = oldLastSucc;
            }
        } else {
            // When the subtree of uOut follows vIn directly in the thread, vOut is the join node.
            int threadContinue = oldRevThread == vIn ? thread[oldLastSucc] : thread[vIn];
            int stem = uIn;
            int parStem = vIn;
            int last = lastSucc[uIn];
            int after = thread[last];
            thread[vIn] = uIn;
            int dirty = 0;
            dirtyRevs[dirty++] = vIn;
            while (stem != uOut) {
                int nextStem = parent[stem];
                thread[last] = nextStem;
                dirtyRevs[dirty++] = last;
                // Cut the subtree of stem out of the thread.
                int before = revThread[stem];
                thread[before] = after;
                revThread[after] = before;
                parent[stem] = parStem;
                parStem = stem;
                stem = nextStem;
                last = lastSucc[stem] == lastSucc[parStem] ? revThread[parStem] : lastSucc[stem];
                after = thread[last];
            }
            parent[uOut] = parStem;
            thread[last] = threadContinue;
            revThread[threadContinue] = last;
            lastSucc[uOut] = last;
            if (oldRevThread != vIn) {
                thread[oldRevThread] = after;
                revThread[after] = oldRevThread;
            }
            for (int k = 0; k < dirty; k++) {
                int u = dirtyRevs[k];
                revThread[thread[u]] = u;
            }
            // Reverse pred / predDir along the stem and fix its subtree sizes and last successors.
            int tmpSc = 0;
            int tmpLs = lastSucc[uOut];
            for (int u = uOut, p = parent[u]; u != uIn; u = p, p = parent[u]) {
                pred[u] = pred[p];
                predDir[u] = -predDir[p];
                tmpSc += succNum[u] - succNum[p];
                succNum[u] = tmpSc;
                lastSucc[p] = tmpLs;
            }
            pred[uIn] = inArc;
            predDir[uIn] = uIn == source(inArc) ? UP : DOWN;
            succNum[uIn] = oldSuccNum;
        }

        // Last successors from vIn towards the root.
        int upLimitOut = lastSucc[join] == vIn ? join : -1;
        int lastSuccOut = lastSucc[uOut];
        for (int u = vIn; u != -1 && lastSucc[u] == vIn; u = parent[u]) {
            lastSucc[u] = lastSuccOut;
        }
        // Last successors from vOut towards the root.
        if (join != oldRevThread && vIn != oldRevThread) {
            for (int u = vOut; u != upLimitOut && lastSucc[u] == oldLastSucc; u = parent[u]) {
                lastSucc[u] = oldRevThread;
            }
        } else if (lastSuccOut != oldLastSucc) {
            for (int u = vOut; u != upLimitOut && lastSucc[u] == oldLastSucc; u = parent[u]) {
                lastSucc[u] = lastSuccOut;
            }
        }
        for (int u = vIn; u != join; u = parent[u]) {
            succNum[u] += oldSuccNum;
        }
        for (int u = vOut; u != join; u = parent[u]) {
            succNum[u] -= oldSuccNum;
        }
    }

    /** Shifts the potentials of the moved subtree so that the entering arc has reduced cost 0. */
    private void updatePotential() {
        double sigma = pi[vIn] - pi[uIn] - predDir[uIn] * cost[inArc];
        if (sigma == 0) {
            return;
        }
        int end = thread[lastSucc[uIn]];
        for (int u = uIn; u != end; u = thread[u]) {
            pi[u] += sigma;
        }
    }

    // ---- results ----------------------------------------------------------------------------

    /** The plan, row-major n x m: flows on tree arcs, 0 elsewhere. */
    double[] plan() {
        double[] p = new double[arcCount];
        for (int u = 1; u < nodeCount; u++) {
            int e = pred[u];
            p[e] = flow[e];
        }
        return p;
    }

    /** f_i = -pi(i): with g_j = pi(n + j), C_ij - f_i - g_j is the reduced cost of arc (i, j). */
    double[] sourcePotential() {
        double[] f = new double[n];
        for (int i = 0; i < n; i++) {
            f[i] = -pi[i];
        }
        return f;
    }

    double[] targetPotential() {
        return Arrays.copyOfRange(pi, n, n + m);
    }

    /**
     * Checks every basis invariant (tests only): a spanning tree of n + m - 1 arcs consistent with
     * parent, pred and predDir; thread a preorder with its reverse; subtree sizes and last
     * successors; flow conservation; non-negative flows; zero reduced cost on tree arcs; strong
     * feasibility (every zero-flow tree arc points towards the root, so that a positive amount can
     * be sent from any node to the root along the tree).
     *
     * @throws IllegalStateException naming the first broken invariant
     */
    void verifyBasis() {
        int treeArcs = 0;
        for (boolean t : inTree) {
            treeArcs += t ? 1 : 0;
        }
        check(treeArcs == nodeCount - 1, "tree has " + treeArcs + " arcs, expected " + (nodeCount - 1));
        check(parent[0] == -1, "root has a parent");
        for (int u = 1; u < nodeCount; u++) {
            int e = pred[u];
            check(inTree[e], "pred arc of node " + u + " is not in the tree");
            int s = source(e);
            int t = target(e);
            check(predDir[u] == UP ? s == u && t == parent[u] : t == u && s == parent[u],
                    "pred arc of node " + u + " does not join it to its parent");
            check(flow[e] >= 0, "negative flow " + flow[e] + " on tree arc " + e);
            check(flow[e] > 0 || predDir[u] == UP, "zero-flow tree arc " + e + " points away from the root");
        }
        // Preorder: walking the thread from the root visits every node once, each after its parent,
        // and a node's subtree is the contiguous run of succNum nodes ending at lastSucc.
        int[] pos = new int[nodeCount];
        Arrays.fill(pos, -1);
        int u = 0;
        for (int k = 0; k < nodeCount; k++) {
            check(pos[u] == -1, "thread visits node " + u + " twice");
            pos[u] = k;
            check(revThread[thread[u]] == u, "revThread is not the inverse of thread at " + u);
            u = thread[u];
        }
        check(u == 0, "thread does not return to the root");
        int[] size = new int[nodeCount];
        int[] order = new int[nodeCount];
        for (int v = 0; v < nodeCount; v++) {
            order[pos[v]] = v;
            size[v] = 1;
        }
        for (int k = nodeCount - 1; k > 0; k--) {
            int v = order[k];
            check(pos[parent[v]] < pos[v], "node " + v + " comes before its parent in the thread");
            size[parent[v]] += size[v];
        }
        for (int v = 0; v < nodeCount; v++) {
            check(size[v] == succNum[v], "succNum of " + v + " is " + succNum[v] + ", expected " + size[v]);
            check(lastSucc[v] == order[pos[v] + size[v] - 1], "lastSucc of " + v + " is wrong");
            for (int k = pos[v] + 1; k < pos[v] + size[v]; k++) {
                int w = order[k];
                int x = w;
                while (x != -1 && x != v) {
                    x = parent[x];
                }
                check(x == v, "thread run of " + v + " holds node " + w + " outside its subtree");
            }
        }
        double[] net = new double[nodeCount];
        for (int e = 0; e < arcCount; e++) {
            if (flow[e] != 0) {
                check(inTree[e], "flow on non-tree arc " + e);
                net[source(e)] += flow[e];
                net[target(e)] -= flow[e];
            }
        }
        double scale = 0;
        for (double s : supply) {
            scale += Math.abs(s);
        }
        for (int v = 0; v < nodeCount; v++) {
            check(Math.abs(net[v] - supply[v]) <= 1e-12 * scale, "flow conservation fails at node " + v);
        }
        for (int v = 1; v < nodeCount; v++) {
            int e = pred[v];
            double rc = cost[e] + pi[source(e)] - pi[target(e)];
            check(Math.abs(rc) <= 1e-9 * (1 + Math.abs(pi[v])), "tree arc " + e + " has reduced cost " + rc);
        }
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalStateException(message);
        }
    }
}
