;; The pair-counting kernel in WebAssembly: the same numbers as the JavaScript kernel (kernel.ts), with
;; the native 64-bit popcount — about three times faster on the all-pairs matrix. wasmKernel.ts runs it.
;;
;; `npm run build` (scripts/build-wasm.mjs, with the wabt package) compiles this file into
;; kernelWasm.ts, which is committed so that tests and `tsx` runs need no build step; a test fails when
;; that file is not what this one compiles to. Change this file, then run `npm run build:wasm`.
;;
;; Memory (one linear memory, grown on demand by the caller):
;;   [ bits (the matrix's planes) | activeFrom | activeTo | rows | mask | out ]
;; A member's row is `words` 64-bit words of each of three planes, interleaved by word: Y, N, A (24
;; bytes a word). The mask has one bit per roll call in the selection; `from` and `to` are words.
(module
  ;; Counts for members a and b over the words [from, to) of the matrix:
  ;; out[0..3] = both voted, same vote (yes/no or both abstained), same yes/no, opposite yes/no (i32);
  ;; with marginals also out[4..7] = a's yes, a's no, b's yes, b's no where both voted.
  (func $pair
    (param $bits i32) (param $words i32) (param $a i32) (param $b i32) (param $mask i32)
    (param $from i32) (param $to i32) (param $out i32) (param $marginals i32)
    (local $pa i32) (local $pb i32) (local $pm i32) (local $end i32)
    (local $ya i64) (local $na i64) (local $xa i64) (local $yb i64) (local $nb i64) (local $xb i64)
    (local $m i64) (local $common i64)
    (local $both i64) (local $yn i64) (local $same i64) (local $opp i64)
    (local $ay i64) (local $an i64) (local $by i64) (local $bn i64)
    ;; pa, pb = bits + (row * words + from) * 24; pm, end = mask + from * 8, mask + to * 8
    (local.set $pa
      (i32.add
        (i32.mul (i32.add (i32.mul (local.get $a) (local.get $words)) (local.get $from)) (i32.const 24))
        (local.get $bits)))
    (local.set $pb
      (i32.add
        (i32.mul (i32.add (i32.mul (local.get $b) (local.get $words)) (local.get $from)) (i32.const 24))
        (local.get $bits)))
    (local.set $pm (i32.add (i32.mul (local.get $from) (i32.const 8)) (local.get $mask)))
    (local.set $end (i32.add (i32.mul (local.get $to) (i32.const 8)) (local.get $mask)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $pm) (local.get $end)))
        (block $skip
          (local.set $m (i64.load (local.get $pm)))
          (br_if $skip (i64.eqz (local.get $m)))
          (local.set $ya (i64.load (local.get $pa)))
          (local.set $na (i64.load offset=8 (local.get $pa)))
          (local.set $xa (i64.load offset=16 (local.get $pa)))
          (local.set $yb (i64.load (local.get $pb)))
          (local.set $nb (i64.load offset=8 (local.get $pb)))
          (local.set $xb (i64.load offset=16 (local.get $pb)))
          ;; common = (ya|na|xa) & (yb|nb|xb) & m: the roll calls where both voted
          (local.set $common
            (i64.and
              (i64.and
                (i64.or (i64.or (local.get $ya) (local.get $na)) (local.get $xa))
                (i64.or (i64.or (local.get $yb) (local.get $nb)) (local.get $xb)))
              (local.get $m)))
          (br_if $skip (i64.eqz (local.get $common)))
          (local.set $both (i64.add (i64.popcnt (local.get $common)) (local.get $both)))
          (local.set $yn
            (i64.add
              (i64.popcnt
                (i64.and
                  (i64.or
                    (i64.and (local.get $ya) (local.get $yb))
                    (i64.and (local.get $na) (local.get $nb)))
                  (local.get $m)))
              (local.get $yn)))
          (local.set $same
            (i64.add
              (i64.popcnt (i64.and (i64.and (local.get $xa) (local.get $xb)) (local.get $m)))
              (local.get $same)))
          (local.set $opp
            (i64.add
              (i64.popcnt
                (i64.and
                  (i64.or
                    (i64.and (local.get $ya) (local.get $nb))
                    (i64.and (local.get $na) (local.get $yb)))
                  (local.get $m)))
              (local.get $opp)))
          (if (local.get $marginals)
            (then
              (local.set $ay
                (i64.add (i64.popcnt (i64.and (local.get $ya) (local.get $common))) (local.get $ay)))
              (local.set $an
                (i64.add (i64.popcnt (i64.and (local.get $na) (local.get $common))) (local.get $an)))
              (local.set $by
                (i64.add (i64.popcnt (i64.and (local.get $yb) (local.get $common))) (local.get $by)))
              (local.set $bn
                (i64.add (i64.popcnt (i64.and (local.get $nb) (local.get $common))) (local.get $bn))))))
        (local.set $pa (i32.add (local.get $pa) (i32.const 24)))
        (local.set $pb (i32.add (local.get $pb) (i32.const 24)))
        (local.set $pm (i32.add (local.get $pm) (i32.const 8)))
        (br $next)))
    (i32.store (local.get $out) (i32.wrap_i64 (local.get $both)))
    (i32.store offset=4 (local.get $out) (i32.wrap_i64 (i64.add (local.get $same) (local.get $yn))))
    (i32.store offset=8 (local.get $out) (i32.wrap_i64 (local.get $yn)))
    (i32.store offset=12 (local.get $out) (i32.wrap_i64 (local.get $opp)))
    (if (local.get $marginals)
      (then
        (i32.store offset=16 (local.get $out) (i32.wrap_i64 (local.get $ay)))
        (i32.store offset=20 (local.get $out) (i32.wrap_i64 (local.get $an)))
        (i32.store offset=24 (local.get $out) (i32.wrap_i64 (local.get $by)))
        (i32.store offset=28 (local.get $out) (i32.wrap_i64 (local.get $bn))))))

  ;; Every pair i < j of the n members listed at `rows` (row numbers, i32): each over the words where
  ;; both were members and the mask has roll calls (the intersection of activeFrom/activeTo and
  ;; [maskFrom, maskTo)), counted by $pair when that range is not empty. out advances 16 bytes a pair
  ;; (32 with marginals), in the order (0,1), (0,2) … (1,2) …; the caller zeroes it.
  (func $allPairs
    (param $bits i32) (param $words i32) (param $rows i32) (param $n i32)
    (param $activeFrom i32) (param $activeTo i32)
    (param $mask i32) (param $maskFrom i32) (param $maskTo i32) (param $out i32) (param $marginals i32)
    (local $i i32) (local $j i32) (local $a i32) (local $b i32)
    (local $fa i32) (local $ta i32) (local $f i32) (local $t i32)
    (local $o i32) (local $width i32) (local $x i32)
    (local.set $width (select (i32.const 32) (i32.const 16) (local.get $marginals)))
    (local.set $o (local.get $out))
    (local.set $i (i32.const 0))
    (block
      (loop
        (br_if 1 (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $a (i32.load (i32.add (i32.mul (local.get $i) (i32.const 4)) (local.get $rows))))
        ;; fa = max(activeFrom[a], maskFrom); ta = min(activeTo[a], maskTo)
        (local.set $x
          (i32.load (i32.add (i32.mul (local.get $a) (i32.const 4)) (local.get $activeFrom))))
        (local.set $fa
          (select (local.get $x) (local.get $maskFrom)
            (i32.gt_s (local.get $x) (local.get $maskFrom))))
        (local.set $x
          (i32.load (i32.add (i32.mul (local.get $a) (i32.const 4)) (local.get $activeTo))))
        (local.set $ta
          (select (local.get $x) (local.get $maskTo)
            (i32.lt_s (local.get $x) (local.get $maskTo))))
        (local.set $j (i32.add (local.get $i) (i32.const 1)))
        (block
          (loop
            (br_if 1 (i32.ge_u (local.get $j) (local.get $n)))
            (local.set $b (i32.load (i32.add (i32.mul (local.get $j) (i32.const 4)) (local.get $rows))))
            ;; f = max(fa, activeFrom[b]); t = min(ta, activeTo[b])
            (local.set $x (local.get $fa))
            (local.set $f
              (select (local.get $x)
                (i32.load (i32.add (i32.mul (local.get $b) (i32.const 4)) (local.get $activeFrom)))
                (i32.gt_s (local.get $x)
                  (i32.load (i32.add (i32.mul (local.get $b) (i32.const 4)) (local.get $activeFrom))))))
            (local.set $x (local.get $ta))
            (local.set $t
              (select (local.get $x)
                (i32.load (i32.add (i32.mul (local.get $b) (i32.const 4)) (local.get $activeTo)))
                (i32.lt_s (local.get $x)
                  (i32.load (i32.add (i32.mul (local.get $b) (i32.const 4)) (local.get $activeTo))))))
            (if (i32.lt_s (local.get $f) (local.get $t))
              (then
                (call $pair
                  (local.get $bits) (local.get $words) (local.get $a) (local.get $b) (local.get $mask)
                  (local.get $f) (local.get $t) (local.get $o) (local.get $marginals))))
            (local.set $o (i32.add (local.get $o) (local.get $width)))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br 0)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br 0))))

  (memory 1)
  (export "pair" (func $pair))
  (export "allPairs" (func $allPairs))
  (export "memory" (memory 0)))
