package io.j8s.apiserver.event;

import java.util.List;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The Lua scripts that make every write one atomic step in Redis: allocate the next revision, append the change
 * to the change log, write the value with its TTL and keep the key indexes up to date.
 *
 * <p>Layout (P = {@code j8s.events.key-prefix}):
 * <ul>
 *   <li>{@code P + storageKey}: string, {@code {"rev":N,"object":{...}}} with a TTL; the object has no
 *       {@code metadata.resourceVersion}, N is the revision of the last write.</li>
 *   <li>{@code P + "revision"}: the revision counter (INCR).</li>
 *   <li>{@code P + "index"}: sorted set of storage keys, all scores 0, so ZRANGEBYLEX lists them in key order.</li>
 *   <li>{@code P + "expiry"}: sorted set of storage keys scored by when they expire (ms), to drop index entries
 *       of expired keys.</li>
 *   <li>{@code P + "changes"}: stream, one entry per revision with ID {@code <revision>-0} and fields type
 *       (PUT/DELETE), key, object (PUT), prev and prevRev (update/delete).</li>
 * </ul>
 *
 * <p>Write scripts take KEYS = data, counter, index, expiry, stream and
 * ARGV = storage key, object JSON, TTL ms, stream max length, expected revision (0 = any), data key prefix.
 */
final class EventScripts {

    private EventScripts() {
    }

    private static final String COMMON = """
            local function fmt(n) return string.format('%d', n) end
            local function nowMillis()
              local t = redis.call('TIME')
              return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            end
            -- next revision; never behind the change log, so stream IDs stay increasing even if the
            -- counter key was lost
            local function nextRev()
              local rev = redis.call('INCR', KEYS[2])
              local last = redis.call('XREVRANGE', KEYS[5], '+', '-', 'COUNT', 1)
              if last[1] then
                local lastRev = tonumber(string.match(last[1][1], '^(%d+)-'))
                if lastRev >= rev then
                  rev = lastRev + 1
                  redis.call('SET', KEYS[2], fmt(rev))
                end
              end
              return rev
            end
            local function wrap(rev, json) return '{"rev":' .. fmt(rev) .. ',"object":' .. json .. '}' end
            local function revOf(v) return tonumber(string.match(v, '^{"rev":(%d+),')) end
            local function objectOf(v)
              local head = string.match(v, '^{"rev":%d+,"object":')
              return string.sub(v, #head + 1, -2)
            end
            -- drop index entries of keys that expired (bounded work per write)
            local function purge(now)
              local expired = redis.call('ZRANGEBYSCORE', KEYS[4], '-inf', now, 'LIMIT', 0, 100)
              for _, m in ipairs(expired) do
                if redis.call('EXISTS', ARGV[6] .. m) == 0 then
                  redis.call('ZREM', KEYS[3], m)
                  redis.call('ZREM', KEYS[4], m)
                end
              end
            end
            local function store(rev)
              redis.call('SET', KEYS[1], wrap(rev, ARGV[2]), 'PX', ARGV[3])
              redis.call('ZADD', KEYS[3], 0, ARGV[1])
              local now = nowMillis()
              redis.call('ZADD', KEYS[4], now + tonumber(ARGV[3]), ARGV[1])
              purge(now)
            end
            """;

    /** Returns {@code {"ok", rev}} or {@code {"exists"}}. */
    static final RedisScript<List> CREATE = RedisScript.of(COMMON + """
            if redis.call('EXISTS', KEYS[1]) == 1 then return {'exists'} end
            local rev = nextRev()
            redis.call('XADD', KEYS[5], 'MAXLEN', '~', ARGV[4], fmt(rev) .. '-0',
              'type', 'PUT', 'key', ARGV[1], 'object', ARGV[2])
            store(rev)
            return {'ok', fmt(rev)}
            """, List.class);

    /** Returns {@code {"ok", rev}}, {@code {"notfound"}} or {@code {"conflict", currentRev}}. */
    static final RedisScript<List> UPDATE = RedisScript.of(COMMON + """
            local cur = redis.call('GET', KEYS[1])
            if not cur then return {'notfound'} end
            local curRev = revOf(cur)
            local expected = tonumber(ARGV[5])
            if expected > 0 and curRev ~= expected then return {'conflict', fmt(curRev)} end
            local rev = nextRev()
            redis.call('XADD', KEYS[5], 'MAXLEN', '~', ARGV[4], fmt(rev) .. '-0',
              'type', 'PUT', 'key', ARGV[1], 'object', ARGV[2], 'prev', objectOf(cur), 'prevRev', fmt(curRev))
            store(rev)
            return {'ok', fmt(rev)}
            """, List.class);

    /** Returns {@code {"ok", rev, storedValue}}, {@code {"notfound"}} or {@code {"conflict", currentRev}}. */
    static final RedisScript<List> DELETE = RedisScript.of(COMMON + """
            local cur = redis.call('GET', KEYS[1])
            if not cur then return {'notfound'} end
            local curRev = revOf(cur)
            local expected = tonumber(ARGV[5])
            if expected > 0 and curRev ~= expected then return {'conflict', fmt(curRev)} end
            local rev = nextRev()
            redis.call('XADD', KEYS[5], 'MAXLEN', '~', ARGV[4], fmt(rev) .. '-0',
              'type', 'DELETE', 'key', ARGV[1], 'prev', objectOf(cur), 'prevRev', fmt(curRev))
            redis.call('DEL', KEYS[1])
            redis.call('ZREM', KEYS[3], ARGV[1])
            redis.call('ZREM', KEYS[4], ARGV[1])
            purge(nowMillis())
            return {'ok', fmt(rev), cur}
            """, List.class);

    /**
     * One chunk of a list, atomically: KEYS = index, counter; ARGV = ZRANGEBYLEX min, max, count, data key prefix.
     * Returns {@code {revision, key1, value1, key2, value2, ...}} with value '' where the key expired.
     */
    static final RedisScript<List> LIST_CHUNK = RedisScript.of("""
            local out = {redis.call('GET', KEYS[2]) or '0'}
            local members = redis.call('ZRANGEBYLEX', KEYS[1], ARGV[1], ARGV[2], 'LIMIT', 0, tonumber(ARGV[3]))
            for _, m in ipairs(members) do
              out[#out + 1] = m
              out[#out + 1] = redis.call('GET', ARGV[4] .. m) or ''
            end
            return out
            """, List.class);

    /** Where a watch may start: KEYS = counter, stream. Returns {@code {counter, oldestEntryId or ''}}. */
    static final RedisScript<List> WATCH_START = RedisScript.of("""
            local c = redis.call('GET', KEYS[1]) or '0'
            local first = redis.call('XRANGE', KEYS[2], '-', '+', 'COUNT', 1)
            local oldest = ''
            if first[1] then oldest = first[1][1] end
            return {c, oldest}
            """, List.class);
}
