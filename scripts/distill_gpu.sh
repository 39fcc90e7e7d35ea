#!/bin/bash
# Distillation round on a GPU machine, in one call (issue 12, 2026-12-01; see the model card,
# "GPU round"). Steps: the e5 teacher fine-tuned on ARMAN train_fold1 (train_ner_e5.py fit, from a
# pack), the pack's unlabeled sentences labelled by ½ e5 + ½ the shipped pair (train_ner_e5.py
# silver --pack --e5-probs), four BiLSTM-CRF students warm-started from the shipped networks
# (train_ner_lstm.py train --device cuda). What must come back is written to $OUT.
#
# Prepare, on the CPU machine, a folder gpu/ in the repo root (ignored by git) holding:
#   gpu/pack.npz     python scripts/train_ner_e5.py pack --bin e5-small-q4.bin --eval-sets arman \
#                        --unlabeled $CACHE/unlabeled_more.txt --limit 48000 --seed 61 --out gpu/pack.npz
#                    ($CACHE/unlabeled_more.txt: train_ner_static.py text over a folder holding only
#                    ../shared/data/unlabeled/{ir_news_rest,fars_news}.jsonl)
#   gpu/ner/         copies of ../shared/data/ner/{arman,peyma,parstwiner}
#   gpu/scripts/     a copy of scripts/ (the machine gets this folder, not ../)
#   gpu/site/        pure-Python packages the GPU image lacks (jdatetime, jalali_core)
# then run from the repo root there:  bash gpu/scripts/distill_gpu.sh [python] [device] [budget_s] [e5_epochs] [scale]
PY=${1:-python3}; DEV=${2:-cuda}; BUDGET=${3:-540}; E5EP=${4:-10}; SCALE=${5:-1}
START=$(date +%s)
export PYTHONPATH=$PWD:$PWD/gpu/site PYTHONUNBUFFERED=1 OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1
S=gpu/scripts; L=$OUT/log.txt; W=gpu/work; mkdir -p $W
left() { echo $(( START + BUDGET - $(date +%s) )); }
{ date; nvidia-smi -L 2>&1 | head -2; $PY -c "import torch, numpy; print('torch', torch.__version__, torch.cuda.is_available(), 'numpy', numpy.__version__)"; } >> $L 2>&1
$PY $S/train_ner_e5.py fit --pack gpu/pack.npz --device $DEV --epochs $E5EP --lr 8e-5 --batch 16 --seed 1 \
    --max-minutes $(( BUDGET / 180 )) --log-every 100 --out-dir $W >> $L 2>&1 || { echo "fit failed" >> $L; exit 1; }
cp $W/e5_arman.soft.npz $OUT/
echo "== after fit: $(left)s left" >> $L
$PY $S/train_ner_e5.py silver --pack gpu/pack.npz --e5-probs $W/e5_silver.soft.npz --data gpu/ner \
    --lstm persian_ie/resources/ner/lstm.npz --weight 0.5 --out $W/silver.tsv --soft $W/silver.soft.npz 2>&1 \
    | grep -v "^  [0-9]*/" >> $L || { echo "silver failed" >> $L; exit 1; }
gzip -c $W/silver.tsv > $OUT/silver.tsv.gz
echo "== after silver: $(left)s left" >> $L
common="train --device $DEV --data gpu/ner --init persian_ie/resources/ner/lstm.npz --aux peyma twiner --aux-fraction 0.3
  --silver $W/silver.tsv --silver-soft $W/silver.soft.npz --silver-weight 0.5 --lr 1e-3 --decay 0.1 --threads 1 --checkpoint-every-epoch"
T=$(( $(left) - 25 ))
for m in 0 1; do
  timeout $T $PY $S/train_ner_lstm.py $common --init-member $m --silver-per-epoch $(( 8000 / SCALE )) --epochs 3 --seed 71$m --out $W/a_m$m.npz > $W/a_m$m.log 2>&1 &
  timeout $T $PY $S/train_ner_lstm.py $common --init-member $m --silver-per-epoch $(( 16000 / SCALE )) --epochs 6 --seed 81$m --out $W/b_m$m.npz > $W/b_m$m.log 2>&1 &
done
wait
for r in a b; do for m in 0 1; do
  echo "== $r m$m" >> $L; grep -v "^export check" $W/${r}_m$m.log | tail -12 >> $L
  last=$(ls -t $W/${r}_m$m.npz $W/${r}_m$m.ep*.npz 2>/dev/null | head -1)
  [ -n "$last" ] && cp $last $OUT/${r}_m$m.npz && echo "returned $last" >> $L
done; done
echo "== done: $(left)s left" >> $L; date >> $L
