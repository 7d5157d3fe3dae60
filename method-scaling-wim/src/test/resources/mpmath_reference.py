# Reference values for method-scaling-wim tests: computed with mpmath 1.3.0, 30 significant digits,
# adaptive tanh-sinh (mp.quad) over breakpoints at the means and crossing points.
import mpmath as mp, json, sys
mp.mp.dps = 30
def model_entries(mus, sig, p, which):
    N=len(mus)
    mus=[mp.mpf(x) for x in mus]; sig=[mp.mpf(x) for x in sig]; p=[mp.mpf(x) for x in p]
    F=lambda k,x: mp.ncdf(x, mus[k], sig[k])
    r=lambda k,x: mp.npdf(x, mus[k], sig[k])
    rho=lambda x: sum(p[k]*r(k,x) for k in range(N))
    pts=[mus[0]-40*max(sig)]
    for k in range(N-1):
        pts.append(mus[k])
        a,b=mus[k],mus[k+1]
        try:
            c=mp.findroot(lambda x: mp.log(p[k]*r(k,x))-mp.log(p[k+1]*r(k+1,x)), (a+b)/2)
            if a<c<b:
                w=2*max(sig[k],sig[k+1])**2/(b-a)
                pts += [c-20*w, c-5*w, c, c+5*w, c+20*w]
        except Exception: pass
    pts.append(mus[-1]); pts.append(mus[-1]+40*max(sig))
    pts=sorted(set([x for x in pts]))
    out={}
    for kind,i,j in which:
        if kind=='W': f=lambda x: (F(i,x)-F(i+1,x))*(F(j,x)-F(j+1,x))/rho(x)
        elif kind=='F': f=lambda x: (r(i+1,x)-r(i,x))*(r(j+1,x)-r(j,x))/rho(x)
        elif kind=='B': f=lambda x: p[j]*r(j,x)*(F(i,x)-F(i+1,x))/rho(x)
        v=mp.quad(f, pts, maxdegree=12)
        out[f"{kind}{i}{j}"]=mp.nstr(v, 25)
        print(kind,i,j,out[f"{kind}{i}{j}"], file=sys.stderr, flush=True)
    return out
cases=[
 dict(means=[0,1,2.5], sigmas=[0.3,0.2,0.4], weights=[0.2,0.5,0.3]),
 dict(means=[-1,0,2], sigmas=[0.1,0.1,0.3], weights=[0.2,0.5,0.3]),
 dict(means=[0,1], sigmas=[0.05,0.05], weights=[0.3,0.7]),
]
which=[('W',0,0),('W',0,1),('W',1,1),('F',0,0),('F',0,1),('F',1,1),('B',0,0),('B',0,1),('B',1,2)]
res=[]
for c in cases:
    w=[x for x in which if max(x[1],x[2])< (len(c['means'])-1 if x[0]!='B' else 10) and (x[0]!='B' or (x[1]<len(c['means'])-1 and x[2]<len(c['means'])))]
    c2=dict(c); c2['values']=model_entries(c['means'],c['sigmas'],c['weights'],w); res.append(c2)
json.dump(res, open('ref.json','w'), indent=1)
